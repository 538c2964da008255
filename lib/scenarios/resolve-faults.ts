import type { LabSpec } from "../lab-spec/schema";
import { ipv4Range } from "../lab-spec/ipv4-cidr";
import type { Choice, FaultEntry, FaultItem } from "./fault-entry-schema";
import type { PlantedFault } from "./fault-kinds";
import { pickIndexes, seededRandom } from "./seeded-random";

/** The lab's endpoints as a scenario names them: its spec's, and "host" when the bridge has an address. */
export function scenarioEndpoints(spec: LabSpec): { name: string; kind: "host" | "container" | "netns"; address: string }[] {
  const host = spec.bridge.address ? [{ name: "host", kind: "host" as const, address: spec.bridge.address }] : [];
  return [...host, ...spec.endpoints.map((e) => ({ name: e.name, kind: e.kind, address: e.address }))];
}

const ipOf = (cidr: string) => cidr.split("/")[0];

/**
 * The faults to plant in one lab: `pick` entries and `{ oneOf }` values are decided by `seed`
 * (the same seed, the same faults), then every value planting and detection need is filled in
 * from the lab (already moved to its id and subnet). References were checked when the scenario was loaded.
 */
export function resolveFaults(items: FaultItem[], spec: LabSpec, seed: string): PlantedFault[] {
  const random = seededRandom(seed);
  const one = <T>(value: Choice<T>): T => (typeof value === "object" && value !== null && "oneOf" in value ? value.oneOf[Math.floor(random() * value.oneOf.length)] : (value as T));
  const entries = items.flatMap((item): FaultEntry[] => (item.kind === "pick" ? pickIndexes(random, item.of.length, item.pick).map((i) => item.of[i]) : [item]));
  const endpoints = scenarioEndpoints(spec);
  const addressOf = (name: string) => {
    const e = endpoints.find((x) => x.name === name);
    if (!e) throw new Error(`no endpoint "${name}" in lab ${spec.id}`);
    return e.address;
  };
  const counts = new Map<string, number>();
  const used = new Set<string>();
  const idFor = (entry: FaultEntry) => {
    if (entry.id && !used.has(entry.id)) return entry.id;
    for (;;) {
      const n = (counts.get(entry.kind) ?? 0) + 1;
      counts.set(entry.kind, n);
      const id = `${entry.kind}-${n}`;
      if (!used.has(id)) return id;
    }
  };
  return entries.map((entry): PlantedFault => {
    const id = idFor(entry);
    used.add(id);
    switch (entry.kind) {
      case "tx-offload":
        return { id, kind: entry.kind, endpoint: one(entry.endpoint) };
      case "mtu-mismatch":
        return { id, kind: entry.kind, endpoint: one(entry.endpoint), end: one(entry.end), mtu: one(entry.mtu) };
      case "link-down":
        return { id, kind: entry.kind, endpoint: one(entry.endpoint), end: one(entry.end) };
      case "wrong-address": {
        const endpoint = one(entry.endpoint);
        const wrong = one(entry.wrong);
        const prefix = entry.prefix === undefined ? undefined : one(entry.prefix);
        const expected = addressOf(endpoint);
        const others = endpoints.filter((e) => e.name !== endpoint).map((e) => ipOf(e.address));
        const planted = wrong === "address" ? typoAddress(expected) : `${ipOf(expected)}/${prefix ?? isolatingPrefix(ipOf(expected), others)}`;
        return { id, kind: entry.kind, endpoint, planted, expected };
      }
      case "vlan-tag":
        return { id, kind: entry.kind, endpoint: one(entry.endpoint), tag: one(entry.tag) };
      case "drop-flow": {
        const from = one(entry.from);
        const to = one(entry.to);
        return { id, kind: entry.kind, from, to, protocol: one(entry.protocol), fromIp: ipOf(addressOf(from)), toIp: ipOf(addressOf(to)) };
      }
      case "firewall-drop": {
        const endpoint = one(entry.endpoint);
        const chain = one(entry.chain);
        const protocol = one(entry.protocol);
        const peer = entry.peer === undefined ? null : one(entry.peer);
        return { id, kind: entry.kind, endpoint, chain, protocol, peer, peerIp: peer ? ipOf(addressOf(peer)) : null };
      }
    }
  });
}

/** The same host number and prefix in the next /24 over: a typo in the third octet. */
export function typoAddress(cidr: string): string {
  const [ip, prefix] = cidr.split("/");
  const [a, b, c, d] = ip.split(".").map(Number);
  return `${a}.${b}.${(c + 1) % 256}.${d}/${prefix}`;
}

/**
 * A longer prefix that leaves every other endpoint outside the endpoint's network, and where the
 * address is neither the network's first nor its last address; /32 when no such prefix exists.
 */
export function isolatingPrefix(ip: string, others: string[]): number {
  for (let prefix = 30; prefix >= 25; prefix--) {
    const range = ipv4Range(`${ip}/${prefix}`)!;
    const address = ipv4Range(ip)!.first;
    if (address === range.first || address === range.last) continue;
    if (others.every((o) => { const n = ipv4Range(o)!.first; return n < range.first || n > range.last; })) return prefix;
  }
  return 32;
}
