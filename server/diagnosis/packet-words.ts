import type { CapturedPacket } from "../../lib/contracts/capture";
import { tcpFlagsText } from "../capture/describe-packet";
import type { Observation, PathEnd, PathFacts } from "./path-facts";

export const hex = (n: number | null) => `0x${(n ?? 0).toString(16).padStart(4, "0")}`;

/** "SYN/ACK", "UDP datagram", "ICMP port unreachable". */
export function packetName(p: CapturedPacket): string {
  if (p.tcp) return tcpFlagsText(p.tcp.flags);
  if (p.udp) return "UDP datagram";
  if (p.icmp) return p.summary;
  return p.summary;
}

export function endByIp(path: PathFacts, ip: string): PathEnd | null {
  return [path.from, path.to].find((e) => e.ipv4 === ip) ?? null;
}

export interface Seen {
  obs: Observation;
  packet: CapturedPacket;
}

export function allSeen(observations: Observation[]): Seen[] {
  return observations.flatMap((obs) => obs.packets.map((packet) => ({ obs, packet })));
}

/** Packets from one end to the other, as seen on one side (or anywhere when side is omitted). */
export function between(observations: Observation[], src: PathEnd, dst: PathEnd, side?: "from" | "to"): Seen[] {
  return allSeen(observations).filter((s) => s.packet.src === src.ipv4 && s.packet.dst === dst.ipv4 && (!side || s.obs.side === side));
}

/** One evidence line: where, what, and its checksum verdict. */
export function evidenceLine({ obs, packet: p }: Seen): string {
  const sum = p.l4Checksum;
  const check = !sum
    ? ""
    : sum.verdict === "correct"
      ? `, checksum ${hex(sum.value)} (correct)`
      : sum.verdict === "partial"
        ? `, checksum ${hex(sum.value)} (partial: offload pending; should be ${hex(sum.expected)})`
        : sum.verdict === "incorrect"
          ? `, checksum ${hex(sum.value)} (incorrect; should be ${hex(sum.expected)})`
          : `, checksum ${hex(sum.value)} (${sum.verdict})`;
  return `${obs.label}: #${p.index} ${p.src} > ${p.dst} ${p.summary}${check}`;
}
