import type { Finding } from "../../lib/contracts/diagnosis";
import type { NetInterface } from "../../lib/contracts/topology";
import { allSeen, evidenceLine } from "./packet-words";
import type { Observation, PathFacts } from "./path-facts";

const pathInterfaces = (path: PathFacts): NetInterface[] =>
  [path.from.inner, path.from.port, path.to.port, path.to.inner].filter((i, n, all): i is NetInterface => !!i && all.findIndex((j) => j?.id === i.id) === n);

/** A link on the path that is administratively or operationally down. */
export function checkInterfacesDown(path: PathFacts): Finding | null {
  const down = pathInterfaces(path).filter((i) => !i.up);
  if (down.length === 0) return null;
  return {
    cause: "interface-down",
    strength: "strong",
    headline: `${down.map((i) => i.id).join(" and ")} ${down.length > 1 ? "are" : "is"} down, so nothing crosses it between ${path.from.name} and ${path.to.name}.`,
    evidence: down.map((i) => `${i.id} (${i.kind}, ${i.role}): state down`),
    fixes: down.map((i) => ({ kind: "manual", label: `Bring ${i.id} up: ip link set dev ${i.ifname} up${i.owner === "host" ? "" : ` (inside ${i.owner}'s namespace)`}` })),
  };
}

/**
 * Different MTUs along the path. Strong when the packets show it: a packet larger than
 * the smallest MTU that left one side and never reached the other, or ICMP "fragmentation needed".
 */
export function checkMtu(path: PathFacts, observations: Observation[]): Finding | null {
  const links = pathInterfaces(path).filter((i) => i.mtu !== null);
  const mtus = new Set(links.map((i) => i.mtu));
  if (mtus.size <= 1) return null;
  const smallest = Math.min(...links.map((i) => i.mtu!));
  const seen = allSeen(observations);
  const fragNeeded = seen.filter((s) => s.packet.icmp?.type === 3 && s.packet.icmp.code === 4);
  const tooBig = seen.filter((s) => (s.packet.ipLength ?? 0) > smallest);
  const arrived = (s: (typeof seen)[number]) =>
    seen.some((o) => o.obs.side !== s.obs.side && o.packet.src === s.packet.src && o.packet.ipLength === s.packet.ipLength && o.packet.summary === s.packet.summary);
  const lost = tooBig.filter((s) => !arrived(s));
  return {
    cause: "mtu-mismatch",
    strength: fragNeeded.length || lost.length ? "strong" : "note",
    headline: `The MTU differs along the path (${links.map((i) => `${i.id} ${i.mtu}`).join(", ")}): packets over ${smallest} bytes${lost.length ? " were lost" : " can be lost"}.`,
    evidence: [
      ...links.map((i) => `${i.id}: mtu ${i.mtu}`),
      ...fragNeeded.slice(0, 3).map(evidenceLine),
      ...lost.slice(0, 3).map((s) => `${evidenceLine(s)}: ${s.packet.ipLength} bytes, not seen on the other side`),
    ],
    fixes: [{ kind: "manual", label: `Give every interface on the path the same MTU, e.g. ${smallest}` }],
  };
}
