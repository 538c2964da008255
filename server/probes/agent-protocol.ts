import type { ProbeError } from "../../lib/contracts/matrix";

/** Messages between the server and a probe agent, one JSON object per line. */
export type AgentRequest =
  | { kind: "tcp"; id: number; target: string; port: number; timeoutMs: number }
  | { kind: "udp"; id: number; target: string; port: number; timeoutMs: number }
  | { kind: "icmp"; id: number; targets: string[]; timeoutMs: number }
  /** Close the socket of probe `id` now (its verdict is in, so the kernel must not send its SYN again); no answer follows. */
  | { kind: "cancel"; id: number }
  /** Replace the TCP echo listener (see agent-main.ts); answered with a result without outcomes once listening. */
  | { kind: "relisten"; id: number };

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
  | { kind: "fatal"; message: string }
  /** A link or address changed in the agent's namespace (offload changes show up as FEATURE CHANGE). */
  | { kind: "links-changed" };

/** TCP and UDP echo port every agent listens on, at its endpoint's address. */
export const AGENT_ECHO_PORT = 47_007;
