import type { AgentProcess, InFlight } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import type { SnmpCounters } from "../probes/parse-snmp";

type SocketProtocol = "tcp" | "udp";

/** One end of a running probe: its agent (none: nothing to read there) and its counters when the probe began. */
export interface WatchedEnd {
  agent: AgentProcess | undefined;
  shared: boolean;
  before: SnmpCounters | null;
}

export interface SocketProbeRequest {
  protocol: SocketProtocol;
  target: string;
  port: number;
  timeoutMs: number;
  /** Keep going when only a shared namespace's counter moves (the last attempt): its move may not be ours. */
  patient: boolean;
}

/** What one probe saw: its outcome and both ends' counters once it was over. */
export interface SocketProbeSeen {
  outcome: ProbeOutcome;
  after: { from: SnmpCounters | null; to: SnmpCounters | null };
}

const never = new Promise<never>(() => undefined);

/**
 * Sends one TCP or UDP probe from `from`'s agent while both ends watch their checksum-error
 * counter. A counter that moves ends the probe at once (its socket is closed, so no SYN is sent
 * again); otherwise the probe's own answer does. Either way both ends' counters are read when
 * it is over, so the next probe at each end starts from an exact baseline.
 */
export async function watchedProbe(from: WatchedEnd & { agent: AgentProcess }, to: WatchedEnd, req: SocketProbeRequest): Promise<SocketProbeSeen> {
  const untilMs = req.timeoutMs + 1000;
  const watch = (end: WatchedEnd) => (end.agent && end.before ? end.agent.watch(req.protocol, end.before[req.protocol].inCsumErrors, untilMs) : null);
  const watches = { from: watch(from), to: watch(to) };
  const probe = from.agent.startProbe({ kind: req.protocol, target: req.target, port: req.port, timeoutMs: req.timeoutMs });
  const settled = { from: false, to: false };
  const moved = (side: "from" | "to", end: WatchedEnd, w: InFlight<SnmpCounters | null> | null) =>
    w
      ? w.answer.then((c) => {
          settled[side] = true;
          const fired = c !== null && end.before !== null && c[req.protocol].inCsumErrors !== end.before[req.protocol].inCsumErrors;
          return fired && !(end.shared && req.patient) ? { side, counters: c } : never;
        })
      : never;
  const first = await Promise.race([probe.answer.then(() => null), moved("from", from, watches.from), moved("to", to, watches.to)]);
  if (first) from.agent.cancel(probe.id);
  const final = async (side: "from" | "to", end: WatchedEnd): Promise<SnmpCounters | null> => {
    const w = watches[side];
    if (first?.side === side) return first.counters;
    if (!end.agent) return null;
    if (!w || settled[side]) return end.agent.counters();
    end.agent.unwatch(w.id);
    return w.answer;
  };
  // After a drop nothing more of this probe reaches either end: the cancel and the reads can overlap.
  const [outcomes, afterFrom, afterTo] = await Promise.all([probe.answer, final("from", from), final("to", to)]);
  return { outcome: outcomes[0], after: { from: afterFrom, to: afterTo } };
}
