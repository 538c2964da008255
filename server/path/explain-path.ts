import type { PathExplainRequest, PathExplanation } from "../../lib/contracts/path-explain";
import type { Discovery } from "../discovery/discover-lab";
import type { HostContext } from "../host/host-context";
import { LabError } from "../lab/lab-errors";
import type { LabService } from "../lab/lab-service";
import { bridgeCounters, datapathPorts, traceFlow, type BridgeCounters } from "../ovs/ofproto-trace";
import type { DpifPort } from "../ovs/parse-dpif-show";
import { readPortTag } from "../ovs/port-tag";
import { judgePath } from "./judge-path";
import type { PathProbe } from "./path-sides";
import { pathSide, type PathSide } from "./path-sides";
import { sizedPing } from "./sized-ping";
import { probeTraceFlow } from "./trace-flow";
import { explainMultiHostPath } from "./explain-multihost-path";

/**
 * Packets still in flight after the probe gave up, and the revalidators, which push datapath counts
 * to the OpenFlow rules about every 500 ms (a rule read sooner shows n_packets +0).
 */
const SETTLE_MS = 1000;

async function sides(ctx: HostContext, discovery: Discovery, ports: DpifPort[], request: PathExplainRequest): Promise<[PathSide, PathSide]> {
  const find = (name: string, tags: Map<string, number | null>) => pathSide(discovery.topology, ports, name, tags);
  const untagged = [find(request.from, new Map()), find(request.to, new Map())];
  const missing = [request.from, request.to].filter((_, i) => !untagged[i]?.port);
  if (missing.length) {
    const known = discovery.topology.endpoints.filter((e) => e.ipv4).map((e) => e.name).join(", ") || "none: is the lab up?";
    throw new LabError("notFound", `no bridge port found for ${missing.join(" and ")} in lab ${discovery.topology.labId}; endpoints: ${known}`);
  }
  const names = untagged.map((s) => s!.port!.name);
  const tags = new Map(await Promise.all(names.map(async (n) => [n, await readPortTag(ctx.config, n)] as const)));
  return [find(request.from, tags)!, find(request.to, tags)!];
}

async function readAll(ctx: HostContext, bridges: string[]): Promise<Map<string, BridgeCounters>> {
  return new Map(await Promise.all(bridges.map(async (b) => [b, await bridgeCounters(ctx.config, b)] as const)));
}

async function runProbe(lab: LabService, discovery: Discovery, request: PathExplainRequest, from: PathSide, to: PathSide): Promise<PathProbe> {
  if (request.sizeBytes !== undefined) {
    const netns = discovery.runtimes.find((r) => r.name === from.name)?.netns ?? null;
    return sizedPing(netns, from.ipv4, to.ipv4, request.sizeBytes, request.timeoutMs);
  }
  const result = (await lab.runMatrix([request.protocol], request.timeoutMs, new Set([`${from.name}>${to.name}`]), { once: true })).results[0];
  if (!result) throw new LabError("conflict", `no probe ran from ${from.name} to ${to.name}`);
  return result;
}

/**
 * Explains one matrix cell's path: traces the probe's packet through OVS (ofproto/trace, across
 * patch ports), runs the real probe once while reading port and rule counters before and after,
 * and names the hop where the packet died.
 */
export async function explainPath(ctx: HostContext, lab: LabService, request: PathExplainRequest): Promise<PathExplanation> {
  const discovery = await lab.refresh();
  // Across hosts the bridges are in the hosts' own switches, and OVN's logical switch comes first.
  if (discovery.topology.hosts?.length) return explainMultiHostPath(lab, discovery, request);
  const ports = await datapathPorts(ctx.config);
  const [from, to] = await sides(ctx, discovery, ports, request);
  const flow = probeTraceFlow(request.protocol, from, to);
  const trace = await traceFlow(ctx.config, from.port!.bridge, flow);
  const bridges = [...new Set([from.port!.bridge, ...trace.bridges.map((b) => b.bridge), to.port!.bridge])];
  const before = await readAll(ctx, bridges);
  const probe = await runProbe(lab, discovery, request, from, to);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const after = await readAll(ctx, bridges);
  return judgePath({
    protocol: request.protocol,
    sizeBytes: request.sizeBytes ?? null,
    from,
    to,
    traceBridge: from.port!.bridge,
    flow,
    trace,
    ports,
    readings: { before, after },
    probe,
    labBridge: discovery.topology.bridge?.name ?? null,
  });
}
