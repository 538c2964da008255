import type { VariantResult } from "../../lib/contracts/experiment";
import type { ProbeResult } from "../../lib/contracts/matrix";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { discoverLab } from "../discovery/discover-lab";
import type { AgentSet, ProbeEndpoint } from "../probes/agent-pool";
import { runMatrix } from "../matrix/run-matrix";
import { diagnoseProbe, type ProbeSource } from "../diagnosis/diagnose-probe";
import type { HostContext } from "../host/host-context";

/** The pair to explain: a failing TCP/UDP pair between two endpoints (discovery has no "host" on a Linux bridge), c1>c2 first. */
function pickPair(results: ProbeResult[], linux: boolean): ProbeResult | undefined {
  const candidates = results.filter((r) => !r.ok && r.protocol !== "icmp" && !(linux && (r.from === "host" || r.to === "host")));
  return candidates.find((r) => r.from === "c1" && r.to === "c2") ?? candidates[0];
}

/** Re-runs one failing probe of the variant's lab while capturing, and keeps the diagnosis's words for the table. */
export async function explainVariant(
  ctx: HostContext,
  spec: LabSpec,
  linux: boolean,
  run: { endpoints: ProbeEndpoint[]; agents: AgentSet; results: ProbeResult[]; timeoutMs: number },
  state: VariantResult,
): Promise<void> {
  const pair = pickPair(run.results, linux);
  if (!pair) return;
  const source: ProbeSource = {
    discover: () => discoverLab(ctx, spec.id),
    runProbe: async (protocol, from, to, timeoutMs) =>
      (await runMatrix(run.endpoints, run.agents, { protocols: [protocol], timeoutMs, pairs: new Set([`${from}>${to}`]) })).results[0],
    ...(linux ? { bridge: { kind: "linux" as const, name: spec.bridge.name, datapathType: null } } : {}),
  };
  const d = await diagnoseProbe(ctx, source, { reserve: () => undefined, add: () => undefined }, { from: pair.from, to: pair.to, protocol: pair.protocol, timeoutMs: Math.max(run.timeoutMs, 500) });
  state.explanation = { pair: `${pair.protocol} ${pair.from}>${pair.to}`, cause: d.cause, headline: d.headline, evidence: d.evidence };
}
