import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import { attribute, type Attribution, type ProbeEnd } from "./verdict";
import type { CounterPoller, ReadCounters } from "./counter-poller";

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

/**
 * Sends one TCP or UDP probe from `from`'s agent and watches both ends' checksum-error counters
 * (read here, through /proc/<agent pid>/net/snmp; see counter-poller.ts) until the probe answers
 * or a counter proves a drop. A proven drop ends the probe at once: its socket is closed, so the
 * SYN is not sent again.
 */
export function watchedProbe(from: ProbeSide & { agent: AgentProcess }, to: ProbeSide, req: SocketProbeRequest, poller: CounterPoller): Promise<SocketProbeSeen> {
  const before = { from: from.agent.counters(), to: to.agent?.counters() ?? null };
  const look = (read: ReadCounters): Omit<SocketProbeSeen, "outcome"> => {
    const ends = {
      from: { name: from.name, shared: from.shared, before: before.from, after: read(from.agent) },
      to: { name: to.name, shared: to.shared, before: before.to, after: read(to.agent) },
    };
    return { ...ends, attribution: attribute(req.protocol, ends.from, ends.to) };
  };
  const probe = from.agent.startProbe({ kind: req.protocol, target: req.target, port: req.port, timeoutMs: req.timeoutMs });
  return new Promise((resolve) => {
    let done = false;
    const stop = poller.watch((read) => {
      const seen = look(read);
      const a = seen.attribution;
      if (a.kind !== "dropped" && !(a.kind === "unexplained" && !req.patient)) return false;
      done = true;
      from.agent.cancel(probe.id);
      resolve({ outcome: null, ...seen });
      return true;
    });
    void probe.answer.then(([outcome]) => {
      if (done) return;
      stop();
      // A drop counted after the last look (a late one, at the timeout) still counts.
      resolve({ outcome, ...look((agent) => agent?.counters() ?? null) });
    });
  });
}
