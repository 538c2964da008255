import type { Finding } from "../../lib/contracts/diagnosis";
import type { ProbeResult } from "../../lib/contracts/matrix";
import { allSeen, between, evidenceLine } from "./packet-words";
import type { Observation, PathFacts } from "./path-facts";

/** The far end answered with TCP RST or ICMP port unreachable: nothing listens there. */
export function checkNoListener(path: PathFacts, observations: Observation[], probe: ProbeResult): Finding | null {
  const rst = between(observations, path.to, path.from).filter((s) => s.packet.tcp?.flags.includes("RST"));
  const unreachable = between(observations, path.to, path.from).filter((s) => s.packet.icmp?.type === 3 && s.packet.icmp.code === 3);
  if (!rst.length && !unreachable.length && probe.error !== "refused") return null;
  const port = rst[0]?.packet.tcp?.srcPort ?? unreachable[0]?.packet.icmp?.quoted?.dstPort ?? null;
  const how = rst.length ? "answered with TCP RST" : unreachable.length ? "answered with ICMP port unreachable" : "refused the connection";
  return {
    cause: "no-listener",
    strength: "strong",
    headline: `${path.to.name} ${how}: nothing listens on ${path.to.ipv4}${port ? `:${port}` : ""} (${probe.protocol.toUpperCase()}).`,
    evidence: [...rst.slice(0, 3), ...unreachable.slice(0, 3)].map(evidenceLine).concat(probe.error === "refused" ? [`the probe reported: ${probe.detail ?? "connection refused"}`] : []),
    fixes: [{ kind: "manual", label: `Start a ${probe.protocol.toUpperCase()} listener on ${path.to.name}${port ? ` port ${port}` : ""}` }],
  };
}

/** ARP requests for the far end and no reply: the two ends never find each other on the link. */
export function checkArp(path: PathFacts, observations: Observation[]): Finding | null {
  const seen = allSeen(observations).filter((s) => s.packet.arp);
  for (const [asker, target] of [[path.from, path.to], [path.to, path.from]] as const) {
    const requests = seen.filter((s) => s.packet.arp!.op === "request" && s.packet.arp!.senderIp === asker.ipv4 && s.packet.arp!.targetIp === target.ipv4);
    const replies = seen.filter((s) => s.packet.arp!.op === "reply" && s.packet.arp!.senderIp === target.ipv4);
    const ipFromTarget = allSeen(observations).some((s) => s.packet.src === target.ipv4 && !s.packet.arp);
    if (requests.length === 0 || replies.length > 0 || ipFromTarget) continue;
    const reachedTarget = requests.some((s) => s.obs.side === (target === path.to ? "to" : "from"));
    return {
      cause: "no-arp-reply",
      strength: "strong",
      headline: `${asker.name} asked who has ${target.ipv4} ${requests.length} time(s) and got no ARP reply${reachedTarget ? `, though the request reached ${target.name}'s side` : `; the request never reached ${target.name}'s side`}.`,
      evidence: requests.slice(0, 4).map(evidenceLine),
      fixes: [{ kind: "manual", label: `Check that ${target.name} has ${target.ipv4} on an interface that is up and on the same bridge` }],
    };
  }
  return null;
}

/** A Linux bridge with br_netfilter on and iptables FORWARD policy DROP (Docker sets it) drops bridged traffic. */
export function checkBridgeNetfilter(path: PathFacts, observations: Observation[]): Finding | null {
  const nf = path.host.bridgeNetfilter;
  if (path.bridge?.kind !== "linux" || nf.callIptables !== true || nf.forwardPolicy !== "DROP") return null;
  if (path.from.name === "host" || path.to.name === "host") return null; // the bridge's own address is INPUT/OUTPUT, not FORWARD
  const leftFrom = between(observations, path.from, path.to, "from");
  const reachedTo = between(observations, path.from, path.to, "to");
  const strong = leftFrom.length > 0 && reachedTo.length === 0;
  return {
    cause: "bridge-netfilter",
    strength: strong ? "strong" : "note",
    headline: `${path.bridge.name} is a Linux bridge, net.bridge.bridge-nf-call-iptables is 1 and the iptables FORWARD policy is DROP (Docker sets it), so bridged packets from ${path.from.name} to ${path.to.name} ${strong ? "are dropped" : "can be dropped"} by iptables.`,
    evidence: [
      "net.bridge.bridge-nf-call-iptables = 1",
      "iptables -P FORWARD DROP",
      ...leftFrom.slice(0, 2).map((s) => `${evidenceLine(s)}: left ${path.from.name}`),
      strong ? `nothing from ${path.from.ipv4} reached ${path.to.portLabel}` : "",
    ].filter(Boolean),
    fixes: [
      { kind: "manual", label: `iptables -I FORWARD -i ${path.bridge.name} -o ${path.bridge.name} -j ACCEPT (scoped to this bridge)` },
      { kind: "manual", label: "or sysctl -w net.bridge.bridge-nf-call-iptables=0 (host-wide)" },
    ],
  };
}

/** Left one port, never reached the other: the switch dropped it, cause unseen. */
export function checkDropped(path: PathFacts, observations: Observation[]): Finding | null {
  for (const [src, dst, out, inn] of [[path.from, path.to, "from", "to"], [path.to, path.from, "to", "from"]] as const) {
    const left = between(observations, src, dst, out);
    const reached = between(observations, src, dst, inn);
    if (left.length === 0 || reached.length > 0 || !observations.some((o) => o.side === inn)) continue;
    return {
      cause: "dropped-in-switch",
      strength: "strong",
      headline: `${left.length} packet(s) from ${src.name} left ${src.portLabel} and none reached ${dst.portLabel}: the switch dropped them.`,
      evidence: left.slice(0, 4).map(evidenceLine),
      fixes: [{ kind: "manual", label: "Look at the switch's flows and drop counters (ovs-appctl dpctl/dump-flows, coverage/show)" }],
    };
  }
  return null;
}
