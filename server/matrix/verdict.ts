import type { CounterEvidence, ProbeError } from "../../lib/contracts/matrix";
import type { ProbeOutcome } from "../probes/agent-protocol";
import { sentCount, type SnmpCounters } from "../probes/parse-snmp";

type SocketProtocol = "tcp" | "udp";

/** One end of a probe: its counters when the probe started and when it was over (null: unread). */
export interface ProbeEnd {
  name: string;
  /** Its namespace is the root one, which other labs and the machine also use (the "host" endpoint). */
  shared: boolean;
  before: SnmpCounters | null;
  after: SnmpCounters | null;
}

export type Attribution =
  | { kind: "dropped"; by: "from" | "to"; delta: number }
  /** Only a shared namespace's counter moved, by more than the other end sent: not provably ours. */
  | { kind: "unexplained"; end: "from" | "to"; delta: number; sent: number | null }
  | { kind: "none" };

const csumDelta = (e: ProbeEnd, p: SocketProtocol) => (e.before && e.after ? e.after[p].inCsumErrors - e.before[p].inCsumErrors : 0);
const sentDelta = (e: ProbeEnd, p: SocketProtocol) => (e.before && e.after ? sentCount(e.after, p) - sentCount(e.before, p) : null);

/**
 * Which end's kernel dropped this probe's packets for a bad checksum. The caller makes each end's
 * counter this probe's alone while it runs (one probe per namespace and protocol at a time, see
 * namespace-locks.ts), so a move in an endpoint's own namespace is this probe's. The root namespace
 * is shared with other labs and processes: its move is this probe's only if the other end sent at
 * least that many packets of the protocol (it can only have dropped what it was sent).
 * The SYN's (datagram's) receiver is tried first: when it drops, nothing comes back.
 */
export function attribute(protocol: SocketProtocol, from: ProbeEnd, to: ProbeEnd): Attribution {
  const ends = [["to", to, from], ["from", from, to]] as const;
  for (const [side, end] of ends) {
    const delta = csumDelta(end, protocol);
    if (delta > 0 && !end.shared) return { kind: "dropped", by: side, delta };
  }
  for (const [side, end, peer] of ends) {
    const delta = csumDelta(end, protocol);
    if (delta <= 0) continue;
    const sent = peer.shared ? null : sentDelta(peer, protocol);
    return sent !== null && sent >= delta ? { kind: "dropped", by: side, delta } : { kind: "unexplained", end: side, delta, sent };
  }
  return { kind: "none" };
}

/** What a failing cell carries for a drop: the error, who dropped it, the counter, and words. */
export interface DropVerdict {
  ok: false;
  rttMs: null;
  error: ProbeError;
  droppedBy: string;
  evidence: CounterEvidence;
  detail: string;
}

const PACKETS = { tcp: { to: "SYN", from: "SYN/ACK" }, udp: { to: "datagram", from: "echo reply" } } as const;

/** The verdict for a packet of this probe that `droppedBy` (its `side`) dropped: its counter moved by `delta`. */
export function dropVerdict(protocol: SocketProtocol, droppedBy: string, side: "from" | "to", delta: number, note = ""): DropVerdict {
  const counter = protocol === "tcp" ? "Tcp InCsumErrors" : "Udp InCsumErrors";
  return {
    ok: false,
    rttMs: null,
    error: "bad-checksum",
    droppedBy,
    evidence: { counter, endpoint: droppedBy, delta },
    detail: `${droppedBy}'s kernel dropped the ${PACKETS[protocol][side]} for a bad checksum: ${counter} +${delta} in its namespace${note}`,
  };
}

/**
 * The verdict for a packet of this probe seen arriving at `droppedBy` with a bad checksum (the
 * socket prober's watch): that namespace's counter rose by `risen` during the run, covering the
 * `seen` such packets seen there, this one among them. The words stay short: a 100-container run
 * carries twenty thousand of them to every page.
 */
export function seenDropVerdict(protocol: SocketProtocol, droppedBy: string, side: "from" | "to", packet: { sum: string; want: string }, risen: number, seen: number): DropVerdict {
  const kind = PACKETS[protocol][side];
  const counter = protocol === "tcp" ? "Tcp InCsumErrors" : "Udp InCsumErrors";
  const among = seen > 1 ? ` for ${seen} such packets` : "";
  return {
    ok: false,
    rttMs: null,
    error: "bad-checksum",
    droppedBy,
    evidence: { counter, endpoint: droppedBy, delta: 1, packet: { kind, checksum: packet.sum, expected: packet.want } },
    detail: `${droppedBy}'s kernel dropped the ${kind} for a bad checksum (${packet.sum}, ${packet.want} due): ${counter} +${risen} there in the run${among}`,
  };
}

/** The words added to a probe's own outcome when the root namespace's counter moved but not provably for it. */
export function unexplainedNote(protocol: SocketProtocol, from: ProbeEnd, to: ProbeEnd, u: Extract<Attribution, { kind: "unexplained" }>): string {
  const end = u.end === "to" ? to : from;
  const peer = u.end === "to" ? from : to;
  const counter = protocol === "tcp" ? "Tcp InCsumErrors" : "Udp InCsumErrors";
  return `${counter} +${u.delta} in ${end.name}'s namespace (the root one, shared with other labs), but ${peer.name} sent ${u.sent ?? "an unknown number of"} packet(s): not attributed`;
}

/** The probe's own outcome, with that note when there is one. */
export function withNote(outcome: ProbeOutcome, note: string | null): ProbeOutcome {
  if (!note) return outcome;
  return { ...outcome, detail: outcome.detail ? `${outcome.detail}; ${note}` : note };
}
