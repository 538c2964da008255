import type { VariantResult } from "../../lib/contracts/experiment";
import type { HostFacts } from "../../lib/contracts/host-facts";
import type { ProbeResult, Protocol } from "../../lib/contracts/matrix";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { hostAddress } from "../../lib/lab-spec/names";
import { discoverLab } from "../discovery/discover-lab";
import { AgentPool, type ProbeEndpoint } from "../probes/agent-pool";
import { runMatrix } from "../matrix/run-matrix";
import { labUp } from "../lab/lab-up";
import { findLabObjects, labDown } from "../lab/lab-down";
import { linuxBridgeDown, linuxBridgeUp } from "../lab/linux-bridge";
import { refuseHostConflicts } from "../lab/host-safety";
import { multiHostDown, multiHostUp } from "../multihost/multihost-up";
import { findLabHosts } from "../multihost/find-lab-hosts";
import type { HostContext } from "../host/host-context";
import { addBridgeAcceptRule } from "./bridge-forward-rule";
import { runnability, variantSpec } from "./plan-variants";
import { explainVariant } from "./explain-variant";

export interface VariantOptions {
  ctx: HostContext;
  host: HostFacts;
  seed: LabSpec;
  protocols: Protocol[];
  timeoutMs: number;
  bridgeNetfilter: "accept-rule" | "leave";
  onResult: (result: ProbeResult) => void;
  /** Called whenever `state` changed, so the table can fill in live. */
  onUpdate: () => void;
}

async function probeEndpoints(ctx: HostContext, spec: LabSpec, linux: boolean): Promise<ProbeEndpoint[]> {
  const { runtimes } = await discoverLab(ctx, spec.id);
  const endpoints = runtimes.flatMap((r) => (r.ipv4 ? [{ name: r.name, ipv4: r.ipv4, netns: r.netns }] : []));
  // Discovery finds "host" through the OVS bridge; on a Linux bridge it is the bridge's own address.
  const host = hostAddress(spec);
  if (linux && host && !endpoints.some((e) => e.name === "host")) endpoints.unshift({ name: "host", ipv4: host, netns: null });
  const expected = spec.endpoints.length + (host ? 1 : 0);
  if (endpoints.length !== expected) throw new Error(`lab ${spec.id} came up with ${endpoints.length} of ${expected} endpoints: ${endpoints.map((e) => e.name).join(", ")}`);
  return endpoints;
}

/** Builds a Linux-bridge lab and, where Docker's FORWARD DROP meets br_netfilter, handles it as asked. */
async function upLinux(o: VariantOptions, spec: LabSpec, state: VariantResult, cleanups: (() => Promise<void>)[]): Promise<void> {
  // labUp checks this itself; the Linux bridge path must not skip it.
  await refuseHostConflicts(o.ctx, spec);
  cleanups.push(() => linuxBridgeDown(o.ctx, spec.id, spec.bridge.name));
  await linuxBridgeUp(o.ctx, spec);
  const nf = o.host.bridgeNetfilter;
  if (nf.callIptables !== true || nf.forwardPolicy !== "DROP") return;
  const why = "net.bridge.bridge-nf-call-iptables=1 and the iptables FORWARD policy is DROP (Docker sets it), so bridged traffic between endpoints meets iptables";
  if (o.bridgeNetfilter === "leave") {
    state.notes.push(`${why}; left as is, so endpoint-to-endpoint pairs are expected to fail`);
    return;
  }
  const rule = await addBridgeAcceptRule(spec.bridge.name, spec.id);
  cleanups.push(rule.remove);
  state.notes.push(`${why}; added \`${rule.rule}\` for this run and removed it at teardown`);
}

/** A variant's lab is torn down at the end: never take over a lab id that something on the host already uses. */
async function requireUnusedLabId(ctx: HostContext, labId: string): Promise<void> {
  const found = await findLabObjects(ctx, labId);
  const count = found.bridges.length + found.containers.length + found.netns.length + found.hostVeths.length + (await findLabHosts(labId)).length;
  if (count > 0) throw new Error(`lab id ${labId} is already in use on this host (${count} objects); choose another labIdPrefix`);
}

function tally(state: VariantResult, results: ProbeResult[]): void {
  state.results = results.map(({ runId: _r, at: _a, ...r }) => r);
  state.failing = results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`).sort();
  for (const r of results) {
    const t = (state.tally[r.protocol] ??= { ok: 0, total: 0 });
    t.total++;
    if (r.ok) t.ok++;
  }
}

/** One row of the table: build its own lab, run the matrix, tear everything down, whatever happens. */
export async function runVariant(o: VariantOptions, state: VariantResult): Promise<void> {
  const can = runnability(state.variant, o.host);
  if (!can.runnable) return void ((state.status = "not-runnable"), (state.reason = can.reason), o.onUpdate());
  const started = Date.now();
  const spec = variantSpec(o.seed, state.variant, state.labId, state.subnet);
  const linux = state.variant.switch === "linux-bridge";
  const cleanups: (() => Promise<void>)[] = [];
  const agents = new AgentPool(o.ctx.config.projectRoot);
  state.status = "building";
  o.onUpdate();
  try {
    await requireUnusedLabId(o.ctx, spec.id);
    if (linux) await upLinux(o, spec, state, cleanups);
    else if (spec.hosts) {
      // Simulated hosts, OVN rows and the underlay go with the lab's containers.
      cleanups.push(() => multiHostDown(o.ctx, spec.id).then(() => undefined));
      await multiHostUp(o.ctx, spec);
      state.notes.push(`hosts ${spec.hosts.map((h) => `${h.name} (${h.underlay})`).join(", ")}: one OVN logical switch over Geneve; ${spec.endpoints.map((e) => `${e.name} on ${e.host}`).join(", ")}`);
    } else {
      cleanups.push(() => labDown(o.ctx, spec.id).then(() => undefined));
      await labUp(o.ctx, spec);
    }
    const endpoints = await probeEndpoints(o.ctx, spec, linux);
    const pool = await agents.sync(endpoints);
    state.status = "running";
    o.onUpdate();
    // A first ICMP round fills the ARP caches, so short timeouts measure forwarding, not resolution.
    await runMatrix(endpoints, pool, { protocols: ["icmp"], timeoutMs: o.timeoutMs });
    const run = await runMatrix(endpoints, pool, { protocols: o.protocols, timeoutMs: o.timeoutMs, onResult: o.onResult });
    tally(state, run.results);
    await explainVariant(o.ctx, spec, linux, { endpoints, agents: pool, results: run.results, timeoutMs: o.timeoutMs }, state).catch((err: Error) =>
      state.notes.push(`no explanation: ${err.message}`),
    );
    state.status = "done";
  } catch (err) {
    state.status = "error";
    state.reason = err instanceof Error ? err.message : String(err);
  } finally {
    agents.stopAll();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: Error) => state.notes.push(`teardown: ${err.message}`));
    state.durationMs = Date.now() - started;
    o.onUpdate();
  }
}
