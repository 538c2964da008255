import { runCommand } from "../run-command/run-command";
import type { OffloadFeature, OffloadState } from "../../lib/contracts/offload";
import { parseEthtoolFeatures } from "./parse-ethtool-features";

export async function readOffload(ifname: string, netns: string | null): Promise<OffloadState> {
  const { stdout } = await runCommand("ethtool", ["-k", ifname], { netns, timeoutMs: 5000 });
  return parseEthtoolFeatures(stdout);
}

/** `ethtool -K IF tx off rx on ...`; the short names are also ethtool's own. */
export async function setOffload(ifname: string, netns: string | null, changes: Partial<Record<OffloadFeature, boolean>>): Promise<void> {
  const args = Object.entries(changes).flatMap(([feature, on]) => [feature, on ? "on" : "off"]);
  if (args.length === 0) return;
  // ethtool exits 0 even when a feature stays as it was ("Could not change any device features").
  await runCommand("ethtool", ["-K", ifname, ...args], { netns, timeoutMs: 5000 });
}
