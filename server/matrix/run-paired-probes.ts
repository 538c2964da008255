import type { AgentProcess } from "../probes/agent-process";
import { namespaceKey, namespaceLocks, type NamespaceLocks } from "./namespace-locks";
import { PairScheduler, planRounds, type OrderedPair } from "./probe-rounds";
import { watchedProbe } from "./socket-probe";
import { CounterPoller } from "./counter-poller";
import { dropVerdict, unexplainedNote, withNote, type DropVerdict } from "./verdict";
import type { ProbeOutcome } from "../probes/agent-protocol";

type SocketProtocol = "tcp" | "udp";

export interface SocketEndpoint {
  name: string;
  ipv4: string;
  netns?: string | null;
  netnsInode?: number | null;
  /** false only when the interface it sends from is known to finish its checksums (TX offload off). */
  mayBreakChecksums?: boolean;
}

export interface SocketProbeOptions {
  timeoutMs: number;
  port: number;
  agents: Map<string, AgentProcess>;
  onResult: (protocol: SocketProtocol, from: string, to: string, result: ProbeOutcome | DropVerdict) => void;
  locks?: NamespaceLocks;
}

/** A probe whose only evidence is an unexplained move in the shared root namespace runs again, this many times in all. */
const ATTEMPTS = 3;

/**
 * After a probe that heard nothing, its namespaces stay held this long: a packet of it still queued
 * somewhere (a neighbour queue, a napping PMD) must not move a counter during the next probe there.
 * Silence is rare (real failures other than checksums), so a lab that works or drops costs nothing.
 */
export const SETTLE_MS = 20;

/**
 * Runs TCP and UDP probes one pair at a time per namespace, so that every failure is explained
 * by the counters where that can be proven: each namespace takes part in one probe per protocol
 * at a time (rounds of a round-robin tournament, started as their ends free up), and each probe
 * is watched at both ends (socket-probe.ts, verdict.ts). What star rounds could not tell apart
 * runs here (run-socket-probes.ts).
 */
export function runPairedProbes(endpoints: SocketEndpoint[], wanted: Map<SocketProtocol, OrderedPair[]>, o: SocketProbeOptions): Promise<void> {
  const locks = o.locks ?? namespaceLocks;
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  const key = (name: string) => namespaceKey(byName.get(name)!);
  const shared = (name: string) => key(name) === "root";
  const schedulers = new Map([...wanted].map(([p, pairs]) => [p, new PairScheduler(pairs)]));
  const attempts = new Map<string, number>();
  const poller = new CounterPoller();
  let outstanding = [...wanted.values()].reduce((n, pairs) => n + pairs.length, 0);

  return new Promise<void>((resolve) => {
    if (outstanding === 0) return resolve();
    const finish = () => {
      if (--outstanding > 0) return;
      stopListening();
      resolve();
    };
    const pump = (protocol: SocketProtocol, near?: string[]) => {
      const scheduler = schedulers.get(protocol);
      if (!scheduler) return;
      for (const pair of scheduler.take((p) => locks.tryAcquire(protocol, [key(p.from), key(p.to)]), near)) void runOne(protocol, pair);
    };
    const stopListening = locks.onRelease((protocol, keys) => {
      if (protocol !== "tcp" && protocol !== "udp") return;
      const names = endpoints.filter((e) => keys.includes(key(e.name))).map((e) => e.name);
      if (names.length) pump(protocol, names);
    });

    /** One attempt; true when the pair has its result (false: it waits for another attempt). */
    const attemptOne = async (protocol: SocketProtocol, pair: OrderedPair, attempt: number): Promise<boolean> => {
      const side = (name: string) => ({ name, agent: o.agents.get(name), shared: shared(name) });
      const seen = await watchedProbe({ ...side(pair.from), agent: o.agents.get(pair.from)! }, side(pair.to), {
        protocol,
        target: byName.get(pair.to)!.ipv4,
        port: o.port,
        timeoutMs: o.timeoutMs,
        patient: attempt >= ATTEMPTS,
      }, poller);
      const { outcome, from, to, attribution: a } = seen;
      // An answer beats a counter (nothing it proves can undo a reply); a proven drop beats a timeout.
      const result = outcome?.ok ? outcome
        : a.kind === "dropped" ? dropVerdict(protocol, a.by === "to" ? to.name : from.name, a.by, a.delta)
        : !outcome || (a.kind === "unexplained" && attempt < ATTEMPTS) ? null
        : withNote(outcome, a.kind === "unexplained" ? unexplainedNote(protocol, from, to, a) : null);
      // The root namespace re-sends a SYN/ACK the client dropped (its tcp_synack_retries is the machine's):
      // a new listener lets that connection request die at its first timer instead (agent-main.ts).
      const synAckMayComeBack = protocol === "tcp" && to.shared && !outcome?.ok && !(a.kind === "dropped" && a.by === "to");
      if (synAckMayComeBack) await o.agents.get(pair.to)?.relisten();
      if (result) o.onResult(protocol, pair.from, pair.to, result);
      if (!result?.ok && result?.error && ["timeout", "no-arp"].includes(result.error)) await new Promise((r) => setTimeout(r, SETTLE_MS));
      return result !== null;
    };

    const runOne = async (protocol: SocketProtocol, pair: OrderedPair) => {
      const id = `${protocol}|${pair.from}>${pair.to}`;
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      let done = true;
      try {
        done = await attemptOne(protocol, pair, attempt);
      } catch (err) {
        o.onResult(protocol, pair.from, pair.to, { target: pair.to, ok: false, rttMs: null, error: "failed", detail: `the probe could not run: ${(err as Error).message}` });
      }
      if (done) finish();
      // Again after the pairs already waiting at its ends: whatever moved the shared counter has likely passed.
      else schedulers.get(protocol)!.add({ ...pair, round: pair.round + 1_000_000 });
      locks.release(protocol, [key(pair.from), key(pair.to)]);
    };

    for (const protocol of schedulers.keys()) pump(protocol);
  });
}

/** The ordered pairs to run, in round-robin order over every endpoint of the run. */
export function orderPairs(names: string[], wanted: (from: string, to: string) => boolean): OrderedPair[] {
  return planRounds(names).flatMap((round) => round.filter((p) => wanted(p.from, p.to)));
}
