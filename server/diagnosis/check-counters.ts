import type { Finding } from "../../lib/contracts/diagnosis";
import type { ProbeResult } from "../../lib/contracts/matrix";
import type { PathFacts } from "./path-facts";

/** The probe's own verdict, in words: e.g. "Tcp InCsumErrors +1 in c2's namespace". */
export function counterEvidence(probe: ProbeResult): string | null {
  if (probe.error !== "bad-checksum" || !probe.evidence) return null;
  const e = probe.evidence;
  const seen = e.packet ? `; the ${e.packet.kind} was seen arriving there with checksum ${e.packet.checksum} where ${e.packet.expected} was due` : "";
  return `${e.counter} +${e.delta} in ${e.endpoint}'s namespace while the probe ran: its kernel dropped the packet for a bad checksum${seen}`;
}

/**
 * The kernel's own count of the drop (the matrix's `bad-checksum` verdict): the receiver is named,
 * and the packet's sender is the other end. Strong on its own when the captures saw nothing.
 */
export function checkCounterVerdict(path: PathFacts, probe: ProbeResult): Finding | null {
  const evidence = counterEvidence(probe);
  if (!evidence || !probe.droppedBy) return null;
  const receiver = probe.droppedBy === path.to.name ? path.to : path.from;
  const sender = receiver === path.to ? path.from : path.to;
  const tx = sender.inner?.offload.tx?.on;
  const packet = probe.protocol === "tcp" ? (receiver === path.to ? "SYN" : "SYN/ACK") : receiver === path.to ? "datagram" : "echo reply";
  const why = tx && sender.inner ? ` ${sender.inner.id} has TX checksum offload on, and nothing on the path finished the sum.` : "";
  return {
    cause: "checksum-offload",
    strength: "strong",
    headline: `${receiver.name}'s kernel dropped the ${packet} from ${sender.name} for a bad checksum (${probe.evidence!.counter} +${probe.evidence!.delta}).${why}`,
    evidence: [evidence, ...(tx && sender.inner ? [`${sender.inner.id}: tx-checksumming on`] : [])],
    fixes: tx && sender.inner ? [{ kind: "offload", interfaceId: sender.inner.id, changes: { tx: false }, label: `Turn TX checksum offload off on ${sender.inner.id}` }] : [],
  };
}
