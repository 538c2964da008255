import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import { attribute, type Attribution, type ProbeEnd } from "./verdict";

type SocketProtocol = "tcp" | "udp";

/** One end of a probe: its name, its agent (none: nothing to read there) and whether its namespace is shared. */
export interface ProbeSide {
  name: string;
  agent: AgentProcess | undefined;
  shared: boolean;
}

export interface SocketProbeRequest {
  protocol: SocketProtocol;
  target: string;
  port: number;
  timeoutMs: number;
  /** Keep going when only a shared namespace's counter moved unexplained (the last attempt): its move may not be ours. */
  patient: boolean;
}

/** What one probe saw: its own outcome (null when the counters ended it first) and both ends' counters. */
export interface SocketProbeSeen {
  outcome: ProbeOutcome | null;
  from: ProbeEnd;
  to: ProbeEnd;
  attribution: Attribution;
}

/** The first look at the counters, and the longest gap between two: a drop lands well under a millisecond after the send when the switch is awake. */
const FIRST_LOOK_MS = 1;
const MAX_GAP_MS = 16;

/**
 * Sends one TCP or UDP probe from `from`'s agent and watches both ends' checksum-error counters
 * (read here, through /proc/<agent pid>/net/snmp) until the probe answers or a counter proves a
 * drop. A proven drop ends the probe at once: its socket is closed, so the SYN is not sent again.
 */
export function watchedProbe(from: ProbeSide & { agent: AgentProcess }, to: ProbeSide, req: SocketProbeRequest): Promise<SocketProbeSeen> {
  const before = { from: from.agent.counters(), to: to.agent?.counters() ?? null };
  const look = (): Omit<SocketProbeSeen, "outcome"> => {
    const ends = {
      from: { name: from.name, shared: from.shared, before: before.from, after: from.agent.counters() },
      to: { name: to.name, shared: to.shared, before: before.to, after: to.agent?.counters() ?? null },
    };
    return { ...ends, attribution: attribute(req.protocol, ends.from, ends.to) };
  };
  const probe = from.agent.startProbe({ kind: req.protocol, target: req.target, port: req.port, timeoutMs: req.timeoutMs });
  return new Promise((resolve) => {
    let gap = FIRST_LOOK_MS;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const tick = () => {
      const seen = look();
      const a = seen.attribution;
      if (a.kind === "dropped" || (a.kind === "unexplained" && !req.patient)) {
        done = true;
        from.agent.cancel(probe.id);
        return resolve({ outcome: null, ...seen });
      }
      timer = setTimeout(tick, gap);
      gap = Math.min(MAX_GAP_MS, gap * 1.25);
    };
    timer = setTimeout(tick, gap);
    void probe.answer.then(([outcome]) => {
      if (done) return;
      clearTimeout(timer);
      // A drop counted after the last look (a late one, at the timeout) still counts.
      resolve({ outcome, ...look() });
    });
  });
}
