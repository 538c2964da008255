import type { CapturedPacket, InnerPacket } from "../../lib/contracts/capture";
import { hex } from "./packet-words";
import type { PathFacts } from "./path-facts";

/** Packets a host's underlay saw during the probe (Geneve), and where. */
export interface UnderlayObservation {
  captureId: string;
  interfaceId: string;
  /** "host a's underlay (a:ul0)". */
  label: string;
  packets: CapturedPacket[];
}

function innerWords(inner: InnerPacket): string {
  const sum = inner.l4Checksum;
  const proto = inner.protocol.toUpperCase();
  if (!sum) return "";
  if (sum.verdict === "partial") return `inner ${proto} checksum ${hex(sum.value)} (partial: offload pending; should be ${hex(sum.expected)})`;
  if (sum.verdict === "incorrect") return `inner ${proto} checksum ${hex(sum.value)} (incorrect; should be ${hex(sum.expected)})`;
  return `inner ${proto} checksum ${hex(sum.value)} (${sum.verdict})`;
}

/**
 * What the tunnel carried from one end to the other: the first Geneve packet whose inner packet
 * goes from the sender to the receiver, with the inner checksum verdict. Pure.
 */
export function underlayEvidence(path: PathFacts, seen: UnderlayObservation): string {
  const carried = seen.packets.filter((p) => p.geneve?.inner?.src === path.from.ipv4 && p.geneve.inner.dst === path.to.ipv4);
  if (!carried.length) return `${seen.label}: no Geneve packet carried ${path.from.name}'s packets to ${path.to.name} (${seen.packets.length} packet(s) seen)`;
  const bad = carried.find((p) => ["partial", "incorrect"].includes(p.geneve!.inner!.l4Checksum?.verdict ?? ""));
  const p = bad ?? carried[0];
  const inner = p.geneve!.inner!;
  const tail = bad ? `: the tunnel carried ${path.from.name}'s unfinished checksum to the other host` : "";
  return `${seen.label}: #${p.index} Geneve vni ${p.geneve!.vni} ${p.src} > ${p.dst} carrying ${inner.src} > ${inner.dst} ${inner.summary}, ${innerWords(inner)}${tail}`;
}
