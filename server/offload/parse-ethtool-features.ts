import { OFFLOAD_FEATURES, type OffloadFeature, type OffloadState } from "../../lib/contracts/offload";

const LONG_TO_SHORT = new Map<string, OffloadFeature>(
  Object.entries(OFFLOAD_FEATURES).map(([short, long]) => [long, short as OffloadFeature]),
);

/** Parses `ethtool -k IFACE` (top-level features only) into the features ovs-lab knows. */
export function parseEthtoolFeatures(text: string): OffloadState {
  const state: OffloadState = {};
  for (const line of text.split("\n")) {
    const match = /^([a-z0-9-]+): (on|off)( \[fixed\])?/.exec(line);
    if (!match) continue;
    const short = LONG_TO_SHORT.get(match[1]);
    if (short) state[short] = { on: match[2] === "on", fixed: Boolean(match[3]) };
  }
  return state;
}
