import { parseRelayAlias, type RelayAlias } from "./relay-names";

/** One end of a relay pair as `ip -json link show` prints it. */
export interface RelayEnd extends RelayAlias {
  ifname: string;
  /** Its veth peer's name (`link`), when the peer is in the same namespace. */
  peer: string | null;
  up: boolean;
}

interface RawLink {
  ifname: string;
  link?: string;
  flags?: string[];
  ifalias?: string;
}

/** The relay ends of one lab among the root namespace's links (`ip -json link show`). */
export function parseRelayEnds(json: string, labId: string): RelayEnd[] {
  const raw = JSON.parse(json.trim() || "[]") as RawLink[];
  return raw.flatMap((l) => {
    const alias = parseRelayAlias(l.ifalias);
    if (!alias || alias.lab !== labId) return [];
    return [{ ...alias, ifname: l.ifname, peer: l.link ?? null, up: (l.flags ?? []).includes("UP") }];
  });
}

/** Every link name of `ip -json link show`. */
export function linkNames(json: string): string[] {
  return (JSON.parse(json.trim() || "[]") as RawLink[]).map((l) => l.ifname);
}
