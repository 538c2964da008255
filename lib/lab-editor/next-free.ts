import type { LabDraft } from "./lab-draft";
import { subnetPrefix } from "./lab-draft";

/** The first of `prefix1`, `prefix2`, … not in `taken`. */
export function nextFreeName(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** The /24 the lab numbers from: its first bridge's address, else its first endpoint's. */
export function labPrefix(draft: LabDraft): string | null {
  const from = draft.bridge.address ?? draft.endpoints[0]?.address;
  return from ? subnetPrefix(from.split("/")[0]) : null;
}

/**
 * The next address free in the lab's /24, from .2 up (.1 is the bridge's by habit), as `a.b.c.d/24`;
 * null when the /24 is full or the lab has no address to number from.
 */
export function nextFreeAddress(draft: LabDraft): string | null {
  const prefix = labPrefix(draft);
  if (!prefix) return null;
  const used = new Set([draft.bridge.address, ...draft.endpoints.map((e) => e.address)].flatMap((a) => (a ? [a.split("/")[0]] : [])));
  for (let host = 2; host <= 254; host++) if (!used.has(`${prefix}.${host}`)) return `${prefix}.${host}/24`;
  return null;
}

/** A new bridge's name: `<lab>_br2`, `<lab>_br3`, … (bridge names are global on the host, so the lab id is in them). */
export function nextBridgeName(draft: LabDraft): string {
  const taken = [draft.bridge.name, ...(draft.otherBridges ?? []).map((b) => b.name)];
  let n = 2;
  while (taken.includes(`${draft.id}_br${n}`)) n++;
  return `${draft.id}_br${n}`;
}
