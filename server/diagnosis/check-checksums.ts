import type { Finding } from "../../lib/contracts/diagnosis";
import { allSeen, endByIp, evidenceLine, hex, packetName, type Seen } from "./packet-words";
import type { Observation, PathFacts } from "./path-facts";

const isBad = (s: Seen) => s.packet.l4Checksum?.verdict === "partial" || s.packet.l4Checksum?.verdict === "incorrect";

/** The packet to quote: one that reached the far side, replies first (the seed's SYN/ACK). */
function pickWitness(path: PathFacts, bad: Seen[]): Seen {
  const score = (s: Seen) => {
    const receiverSide = s.packet.src === path.to.ipv4 ? "from" : "to";
    return (s.obs.side === receiverSide ? 0 : 2) + (s.packet.src === path.to.ipv4 ? 0 : 1);
  };
  return [...bad].sort((a, b) => score(a) - score(b) || a.packet.time - b.packet.time)[0];
}

function datapathWords(path: PathFacts): string {
  if (path.bridge?.kind === "ovs" && path.bridge.datapathType === "netdev")
    return `the userspace datapath (OVS ${path.host.ovsVersion ?? "?"}, datapath_type=netdev) does not complete checksums`;
  if (path.bridge?.kind === "ovs") return `the ${path.bridge.datapathType ?? "OVS"} datapath forwarded it unfinished`;
  return "nothing on the path completed it";
}

/** Same checksum on a packet with a different header: the sign the field holds no real sum. */
function identicalTo(witness: Seen, all: Seen[]): Seen | undefined {
  const w = witness.packet;
  return all.find(
    (s) =>
      s.packet.protocol === w.protocol &&
      s.packet.l4Checksum?.value === w.l4Checksum?.value &&
      (s.packet.src !== w.src || packetName(s.packet) !== packetName(w)),
  );
}

/** TCP/UDP checksums left as the pseudo-header sum (or plain wrong), and whose TX offload left them so. */
export function checkChecksums(path: PathFacts, observations: Observation[], probeOk: boolean): Finding | null {
  const all = allSeen(observations);
  const bad = all.filter(isBad);
  if (bad.length === 0) return null;
  const witness = pickWitness(path, bad);
  const p = witness.packet;
  const sender = endByIp(path, p.src);
  const senderName = sender?.name ?? p.src;
  const twin = identicalTo(witness, all);
  const reached = witness.obs.side === (sender === path.from ? "to" : "from") ? "reached" : "left through";
  const offloadOn = sender?.inner?.offload.tx?.on;
  const cause =
    offloadOn === true
      ? `${sender!.inner!.id} has TX checksum offload on and ${datapathWords(path)}.`
      : offloadOn === false
        ? `${sender!.inner!.id} reads TX checksum offload off, yet the sum is unfinished: look at what it sent from.`
        : `${datapathWords(path)}.`;
  const headline =
    `${packetName(p)} from ${senderName} ${reached} ${witness.obs.label} with checksum ${hex(p.l4Checksum!.value)}` +
    (twin ? `, identical to the ${packetName(twin.packet)}'s` : "") +
    `; the correct value is ${hex(p.l4Checksum!.expected)}. ${cause}`;
  const senders = [...new Set([sender, ...bad.map((s) => endByIp(path, s.packet.src))])].filter((e) => e?.inner?.offload.tx?.on);
  const linux = path.bridge?.kind === "linux";
  return {
    cause: "checksum-offload",
    strength: probeOk || linux ? "note" : "strong",
    headline: linux ? `${headline} On a Linux bridge this is normal: the kernel keeps the offload state with the packet.` : headline,
    evidence: [
      ...bad.slice(0, 6).map(evidenceLine),
      ...senders.map((e) => `${e!.inner!.id}: tx-checksumming on`),
      ...(twin ? [`same checksum ${hex(p.l4Checksum!.value)} on a different header: ${evidenceLine(twin)}`] : []),
    ],
    fixes: senders.map((e) => ({ kind: "offload", interfaceId: e!.inner!.id, changes: { tx: false }, label: `Turn TX checksum offload off on ${e!.inner!.id}` })),
  };
}
