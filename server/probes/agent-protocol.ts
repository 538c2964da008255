import type { ProbeError } from "../../lib/contracts/matrix";
import type { SnmpCounters } from "./parse-snmp";

/** Messages between the server and a probe agent, one JSON object per line. */
export type AgentRequest =
  | { kind: "tcp"; id: number; target: string; port: number; timeoutMs: number }
  | { kind: "udp"; id: number; target: string; port: number; timeoutMs: number }
  | { kind: "icmp"; id: number; targets: string[]; timeoutMs: number }
  /** Close the socket of probe `id` now (its verdict is in): it answers `failed`, "cancelled". */
  | { kind: "cancel"; id: number }
  /** Read this namespace's /proc/net/snmp now. */
  | { kind: "counters"; id: number }
  /**
   * Poll /proc/net/snmp (about every millisecond) and answer as soon as `protocol`'s InCsumErrors
   * differs from `baseline`, when unwatched, or after `untilMs` (a safety net), with the counters then.
   */
  | { kind: "watch"; id: number; protocol: "tcp" | "udp"; baseline: number; untilMs: number }
  /** Answer watch `id` now. */
  | { kind: "unwatch"; id: number };

export interface ProbeOutcome {
  target: string;
  ok: boolean;
  rttMs: number | null;
  error: ProbeError | null;
  detail?: string;
}

export type AgentReply =
  /** `synackRetries`: net.ipv4.tcp_synack_retries in the agent's namespace as it left it (see agent-main.ts). */
  | { kind: "ready"; pid: number; bind: string; port: number; synackRetries?: number | null }
  | { kind: "result"; id: number; outcomes: ProbeOutcome[] }
  /** The answer to `counters` and `watch`; null when /proc/net/snmp could not be read. */
  | { kind: "counters"; id: number; counters: SnmpCounters | null }
  | { kind: "fatal"; message: string }
  /** A link or address changed in the agent's namespace (offload changes show up as FEATURE CHANGE). */
  | { kind: "links-changed" };

/** TCP and UDP echo port every agent listens on, at its endpoint's address. */
export const AGENT_ECHO_PORT = 47_007;
