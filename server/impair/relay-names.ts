import type { Impairment } from "../../lib/contracts/impairment";
import { impairmentSchema } from "../../lib/contracts/impairment-inputs";

/**
 * The relay's veth pair: `<lab>-<n>ra` (the forwarder's side, beside the endpoint's host end) and
 * `<lab>-<n>rb` (on the bridge). Endpoint names start with a letter, so `<lab>-<digit>…` never takes an
 * endpoint's host end name, and the `<lab>-` prefix makes lab down remove the pair with the lab's veths.
 * Both ends carry an ifalias saying whose link they relay; the forwarder's side also holds the impairment,
 * so a restarted server finds every relay again from the kernel alone.
 */

export const RELAY_ALIAS_PREFIX = "ovs-lab-relay ";
export const MAX_RELAYS_PER_LAB = 100;

export interface RelayNames {
  index: number;
  /** The forwarder's side, in the root namespace next to the host end. */
  a: string;
  /** The bridge's side. */
  b: string;
}

export function relayNames(labId: string, index: number): RelayNames {
  return { index, a: `${labId}-${index}ra`, b: `${labId}-${index}rb` };
}

export interface RelayAlias {
  lab: string;
  endpoint: string;
  hostEnd: string;
  side: "a" | "b";
  impairment: Impairment;
}

/** What an ifalias says (at most 255 bytes: the kernel's limit). */
export function relayAlias(alias: RelayAlias): string {
  const text = RELAY_ALIAS_PREFIX + JSON.stringify(alias);
  if (Buffer.byteLength(text) > 255) throw new Error(`relay alias too long (${text.length} bytes): ${text}`);
  return text;
}

export function parseRelayAlias(text: string | null | undefined): RelayAlias | null {
  if (!text?.startsWith(RELAY_ALIAS_PREFIX)) return null;
  try {
    const raw = JSON.parse(text.slice(RELAY_ALIAS_PREFIX.length)) as Partial<RelayAlias>;
    const impairment = impairmentSchema.safeParse(raw.impairment);
    if (typeof raw.lab !== "string" || typeof raw.endpoint !== "string" || typeof raw.hostEnd !== "string") return null;
    if ((raw.side !== "a" && raw.side !== "b") || !impairment.success) return null;
    return { lab: raw.lab, endpoint: raw.endpoint, hostEnd: raw.hostEnd, side: raw.side, impairment: impairment.data };
  } catch {
    return null;
  }
}

/** The relay index `ifname` names in this lab, or null. */
export function relayIndexOf(labId: string, ifname: string): number | null {
  const m = /^(.+)-(\d{1,2})r[ab]$/.exec(ifname);
  return m && m[1] === labId ? Number(m[2]) : null;
}

/** The lowest index no interface of the lab uses yet. */
export function freeRelayIndex(labId: string, ifnames: Iterable<string>): number {
  const used = new Set<number>();
  for (const n of ifnames) {
    const i = relayIndexOf(labId, n);
    if (i !== null) used.add(i);
  }
  for (let i = 0; i < MAX_RELAYS_PER_LAB; i++) if (!used.has(i)) return i;
  throw new Error(`lab ${labId} has ${MAX_RELAYS_PER_LAB} relayed links already`);
}
