import { randomUUID } from "node:crypto";
import type { MatrixRun, ProbeError, ProbeResult, Protocol } from "../../lib/contracts/matrix";
import type { AgentSet } from "../probes/agent-pool";
import { AGENT_ECHO_PORT } from "../probes/agent-protocol";
import { planMatrix, probeCount, type PlanEndpoint } from "./plan-matrix";

export interface MatrixOptions {
  protocols: Protocol[];
  timeoutMs: number;
  /** Only these ordered pairs (`from>to`); all when absent. */
  pairs?: Set<string>;
  runId?: string;
  onResult?: (result: ProbeResult) => void;
  onStart?: (run: MatrixRun) => void;
  /** A pair that cannot be tested now (a daemon is down) gets this answer at once instead of a timeout. */
  unavailable?: (from: string, to: string) => { error: ProbeError; detail: string } | null;
}

/** Runs every planned probe at once through the agents and streams each result as it lands. */
export async function runMatrix(endpoints: PlanEndpoint[], { agents, failures }: AgentSet, options: MatrixOptions): Promise<MatrixRun> {
  const runId = options.runId ?? randomUUID();
  const started = Date.now();
  let plan = planMatrix(endpoints, options.protocols, options.timeoutMs, AGENT_ECHO_PORT);
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
  await Promise.all(
    plan.map(async (p) => {
      const blocked = p.to.map((to) => options.unavailable?.(p.from, to) ?? null);
      const agent = blocked.every(Boolean) ? undefined : agents.get(p.from);
      const outcomes = agent ? await agent.probe(p.request) : [];
      p.to.forEach((to, i) => {
        const o = blocked[i] ? { ok: false, rttMs: null, ...blocked[i] } : outcomes[i];
        const result: ProbeResult = {
          runId,
          from: p.from,
          to,
          protocol: p.protocol,
          ok: o?.ok ?? false,
          rttMs: o?.rttMs ?? null,
          error: o ? o.error : "no-agent",
          ...(o?.detail ? { detail: o.detail } : !o ? { detail: failures.get(p.from) ?? `no probe agent runs for ${p.from}` } : {}),
          at: new Date().toISOString(),
        };
        run.results.push(result);
        options.onResult?.(result);
      });
    }),
  );
  run.finishedAt = new Date().toISOString();
  run.durationMs = Date.now() - started;
  return run;
}
