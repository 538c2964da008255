export const PROTOCOLS = ["icmp", "tcp", "udp"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** Why a probe failed; `null` when it succeeded. */
export const PROBE_ERRORS = {
  timeout: "timeout",
  refused: "refused",
  unreachable: "unreachable",
  noRoute: "no-route",
  noAgent: "no-agent",
  failed: "failed",
  /** ovsdb-server or ovs-vswitchd is down: nothing crosses the bridge, so nothing was sent. */
  switchDown: "switch-down",
  /** dockerd is down: a container endpoint cannot be reached, so nothing was sent to or from it. */
  dockerDown: "docker-down",
  /** The receiving kernel dropped the packet for a bad checksum (its InCsumErrors counter moved): see `droppedBy`. */
  badChecksum: "bad-checksum",
  /** The sender never resolved the target's MAC address: its neighbour entry stayed incomplete. */
  noArp: "no-arp",
} as const;
export type ProbeError = (typeof PROBE_ERRORS)[keyof typeof PROBE_ERRORS];

export interface ProbeResult {
  runId: string;
  from: string;
  to: string;
  protocol: Protocol;
  ok: boolean;
  rttMs: number | null;
  error: ProbeError | null;
  /** Extra words for a human, e.g. the errno text. */
  detail?: string;
  /** For `bad-checksum`: the endpoint whose kernel dropped the packet. */
  droppedBy?: string;
  /** For `bad-checksum`: the counter that proves it. */
  evidence?: CounterEvidence;
  at: string;
}

/** A kernel counter (from /proc/net/snmp, read in the endpoint's namespace) that moved while one probe ran. */
export interface CounterEvidence {
  counter: "Tcp InCsumErrors" | "Udp InCsumErrors";
  endpoint: string;
  delta: number;
  /** The dropped packet itself, seen arriving in that namespace: which one, and its checksum against the right one. */
  packet?: SeenPacket;
}

export interface SeenPacket {
  /** "SYN", "SYN/ACK", "datagram" or "echo reply". */
  kind: string;
  checksum: string;
  expected: string;
}

export interface MatrixRunSummary {
  runId: string;
  protocols: Protocol[];
  endpoints: string[];
  total: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface MatrixRun extends MatrixRunSummary {
  results: ProbeResult[];
}

export function cellKey(from: string, to: string, protocol: Protocol): string {
  return `${protocol}:${from}>${to}`;
}
