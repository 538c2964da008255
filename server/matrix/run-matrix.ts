import { randomUUID } from "node:crypto";
import type { MatrixRun, ProbeError, ProbeResult, Protocol } from "../../lib/contracts/matrix";
import type { AgentSet } from "../probes/agent-pool";
import { AGENT_ECHO_PORT, type ProbeOutcome } from "../probes/agent-protocol";
import { planMatrix, probeCount, type PlanEndpoint } from "./plan-matrix";
import { runSocketProbes, type SocketEndpoint, type SocketProbeOptions } from "./run-socket-probes";
import { runWatchedProbes } from "./run-watched-probes";
import { sharedSocketProber } from "../probes/socket-prober/socket-prober";
import type { Pair } from "./star-rounds";
import type { DropVerdict } from "./verdict";
import { sharedIcmpProber } from "../probes/icmp-prober/icmp-prober";
import { runIcmp } from "./run-icmp";
import { retryTimeoutMs } from "./retry-timeout";
import { phaseTimer } from "../trace/trace";

export interface MatrixOptions {
  protocols: Protocol[];
  timeoutMs: number;
  /** Only these ordered pairs (`from>to`); all when absent. */
  pairs?: Set<string>;
  runId?: string;
  /** The TCP/UDP port probed (the agents' echo port when absent; tests aim at a port nobody listens on). */
  port?: number;
  onResult?: (result: ProbeResult) => void;
  onStart?: (run: MatrixRun) => void;
  /** Each probe sent once, its silence said without a second try: the path explanation counts one probe's packets. */
  once?: boolean;
  /** A pair that cannot be tested now (a daemon is down) gets this answer at once instead of a timeout. */
  unavailable?: (from: string, to: string) => { error: ProbeError; detail: string } | null;
}

type Answer = Omit<ProbeOutcome, "target"> | DropVerdict;

/**
 * The time a result landed, made once per millisecond: a run stamps a thousand results within a few
 * dozen, and under Next.js every `new Date()` goes through its wrapper (a millisecond of a 20-container run).
 */
let stampedAt = 0;
let stamp = "";
function resultTime(): string {
  const now = Date.now();
  if (now !== stampedAt) [stampedAt, stamp] = [now, new Date(now).toISOString()];
  return stamp;
}

/**
 * Runs every planned probe and streams each result as it lands: ICMP all at once (every source's
 * echo requests from the one ICMP prober; the agents' fping where it cannot run), TCP and UDP all
 * at once from the socket prober, or through the agents in rounds the counters can tell apart
 * (runSockets below), so that a failure says who dropped the packet instead of waiting out the timeout.
 */
/** Endpoints above which a run's TCP and UDP start once its ICMP is over (see runMatrix). */
const SEQUENTIAL_ABOVE = 32;

export async function runMatrix(endpoints: (PlanEndpoint & SocketEndpoint)[], { agents, failures }: AgentSet, options: MatrixOptions): Promise<MatrixRun> {
  const runId = options.runId ?? randomUUID();
  const started = Date.now();
  let plan = planMatrix(endpoints, options.protocols, options.timeoutMs, options.port ?? AGENT_ECHO_PORT);
  if (options.pairs) {
    const keep = options.pairs;
    plan = plan
      .map((p) => ({ ...p, to: p.to.filter((to) => keep.has(`${p.from}>${to}`)) }))
      .filter((p) => p.to.length > 0)
      .map((p) => (p.request.kind === "icmp" ? { ...p, request: { ...p.request, targets: p.to.map((n) => endpoints.find((e) => e.name === n)!.ipv4) } } : p));
  }
  const run: MatrixRun = {
    runId,
    protocols: options.protocols,
    endpoints: endpoints.map((e) => e.name),
    total: probeCount(plan),
    startedAt: new Date(started).toISOString(),
    finishedAt: null,
    durationMs: null,
    results: [],
  };
  options.onStart?.(run);
  const phase = phaseTimer(`matrix ${runId.slice(0, 8)} (${run.total} probes)`);
  const emit = (protocol: Protocol, from: string, to: string, o: Answer | undefined) => {
    const result: ProbeResult = {
      runId,
      from,
      to,
      protocol,
      ok: o?.ok ?? false,
      rttMs: o?.rttMs ?? null,
      error: o ? o.error : "no-agent",
      ...(o?.detail ? { detail: o.detail } : !o ? { detail: failures.get(from) ?? `no probe agent runs for ${from}` } : {}),
      ...(o && "droppedBy" in o ? { droppedBy: o.droppedBy, evidence: o.evidence } : {}),
      at: resultTime(),
    };
    run.results.push(result);
    options.onResult?.(result);
  };
  const blockedOr = (from: string, to: string) => options.unavailable?.(from, to) ?? null;
  const byName = new Map(endpoints.map((e) => [e.name, e]));

  const icmpPlan = plan.filter((p) => p.protocol === "icmp");
  const prober = icmpPlan.length > 0 ? await sharedIcmpProber() : null;
  const icmp = runIcmp(icmpPlan, {
    timeoutMs: options.timeoutMs,
    retry: !options.once,
    agents,
    ipv4: (name) => byName.get(name)!.ipv4,
    probe: async (from, to, timeoutMs) => {
      const agent = agents.get(from);
      if (!agent) return [];
      const targets = to.map((n) => byName.get(n)!.ipv4);
      return prober?.alive && agent.netnsPath ? prober.probe(agent.netnsPath, byName.get(from)!.ipv4, targets, timeoutMs) : agent.probe({ kind: "icmp", targets, timeoutMs });
    },
    blockedOr,
    emit: (from, to, o) => emit("icmp", from, to, o),
  });

  const sockets = new Map<"tcp" | "udp", Pair[]>();
  for (const protocol of ["tcp", "udp"] as const) {
    const runnable: Pair[] = [];
    for (const p of plan.filter((q) => q.protocol === protocol)) {
      const pair = { from: p.from, to: p.to[0] };
      const blocked = blockedOr(pair.from, pair.to);
      if (blocked) emit(protocol, pair.from, pair.to, { ok: false, rttMs: null, ...blocked });
      else if (!agents.has(pair.from)) emit(protocol, pair.from, pair.to, undefined);
      else runnable.push(pair);
    }
    if (runnable.length) sockets.set(protocol, runnable);
  }
  // A large lab's TCP and UDP wait for its ICMP, whose echo requests resolve the neighbours they need:
  // at 100 containers, both at once on cold neighbour tables lost thousands of packets to the ARP storm.
  if (endpoints.length > SEQUENTIAL_ABOVE) await icmp;
  const socketRun = runSockets(endpoints, sockets, {
    timeoutMs: options.timeoutMs,
    port: options.port ?? AGENT_ECHO_PORT,
    agents,
    attempts: options.once ? 1 : 2,
    onResult: (protocol, from, to, o) => emit(protocol, from, to, o),
  });

  void icmp.then(() => phase("icmp"));
  void socketRun.then(() => phase("tcp/udp"));
  await Promise.all([icmp, socketRun]);
  run.finishedAt = new Date().toISOString();
  run.durationMs = Date.now() - started;
  return run;
}

/**
 * TCP and UDP: every probe at once from the socket prober, each drop named as its checksum watch
 * sees the packet (run-watched-probes.ts); what that could not judge runs once more the same way.
 * Where the prober cannot run (no C compiler, or OVSLAB_SOCKET_PROBER=0), the probe agents run them
 * and the counters tell drops apart in star rounds (run-socket-probes.ts).
 */
async function runSockets(endpoints: SocketEndpoint[], wanted: Map<"tcp" | "udp", Pair[]>, o: SocketProbeOptions & { attempts: 1 | 2 }): Promise<void> {
  const useProber = process.env.OVSLAB_SOCKET_PROBER !== "0";
  for (let attempt = 1; attempt <= o.attempts && wanted.size > 0; attempt++) {
    const prober = useProber ? await sharedSocketProber() : null;
    if (!prober) return runSocketProbes(endpoints, wanted, o);
    const timeoutMs = attempt === 1 ? o.timeoutMs : retryTimeoutMs(o.timeoutMs);
    wanted = await runWatchedProbes(endpoints, wanted, { ...o, prober, timeoutMs, last: attempt === o.attempts });
  }
}
