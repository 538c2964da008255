import type { Diagnosis } from "../../lib/contracts/diagnosis";
import type { DiagnoseRequest } from "../../lib/contracts/capture-inputs";
import type { Topology } from "../../lib/contracts/topology";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../lab/host-context";
import { LabError } from "../lab/lab-errors";
import { readHostFacts } from "../host/host-facts";
import { buildBpfFilter } from "../capture/bpf-filter";
import { CaptureStream, type CaptureTarget } from "../capture/capture-stream";
import type { CaptureRegistry } from "../capture/capture-service";
import { explainFailure } from "./explain-failure";
import { runCommand } from "../run-command/run-command";
import { dropDeltas, parseCoverage } from "../ovs/parse-coverage";
import { pathFacts, type Observation, type PathEnd } from "./path-facts";

/** Coverage counters of ovs-vswitchd; empty when it does not answer (a Linux-bridge lab needs none). */
async function readCoverage(): Promise<Map<string, number>> {
  const r = await runCommand("ovs-appctl", ["-t", "ovs-vswitchd", "coverage/show"], { timeoutMs: 3000 }).catch(() => null);
  return parseCoverage(r?.stdout ?? "");
}

/** Packets still in flight after the probe gave up (retransmitted SYN/ACKs, late ICMP). */
const SETTLE_MS = 300;

function targetOf(end: PathEnd, runtimes: { name: string; netns: string | null }[]): CaptureTarget | null {
  const iface = end.port ?? end.inner;
  if (!iface) return null;
  const netns = iface.owner === "host" ? null : runtimes.find((r) => r.name === iface.owner)?.netns ?? null;
  return { interfaceId: iface.id, ifname: iface.ifname, netns };
}

function requirePath(topology: Topology, request: DiagnoseRequest, host: Parameters<typeof pathFacts>[3]) {
  const path = pathFacts(topology, request.from, request.to, host);
  if (!path) {
    const known = topology.endpoints.filter((e) => e.ipv4).map((e) => e.name).join(", ") || "none: is the lab up?";
    throw new LabError("notFound", `no endpoints "${request.from}" and "${request.to}" with addresses in lab ${topology.labId}; known: ${known}`);
  }
  return path;
}

/** Captures on both ends of the path while the one probe runs again, then explains what the packets show. */
export async function diagnoseProbe(ctx: HostContext, lab: LabService, captures: CaptureRegistry, request: DiagnoseRequest): Promise<Diagnosis> {
  const [{ topology, runtimes }, host] = await Promise.all([lab.refresh(), readHostFacts(ctx)]);
  const path = requirePath(topology, request, host);
  const filter = buildBpfFilter({ protocols: request.protocol === "icmp" ? ["icmp"] : [request.protocol, "icmp"], hosts: [path.from.ipv4, path.to.ipv4], withArp: true });
  const sides = ([["from", path.from], ["to", path.to]] as const)
    .map(([side, end]) => ({ side, end, target: targetOf(end, runtimes) }))
    .filter((s, i, all) => s.target && all.findIndex((o) => o.target?.interfaceId === s.target!.interfaceId) === i);
  const streams = sides.map((s) => new CaptureStream(s.target!, filter, { durationMs: request.timeoutMs + 5000, maxPackets: 500 }));
  streams.forEach((s) => captures.add(s));
  try {
    await Promise.all(streams.map((s) => s.ready));
    const before = await readCoverage();
    const run = await lab.runMatrix([request.protocol], request.timeoutMs, new Set([`${request.from}>${request.to}`]));
    const probe = run.results[0];
    if (!probe) throw new LabError("conflict", `no probe ran from ${request.from} to ${request.to}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    streams.forEach((s) => s.stop());
    const [results, after] = await Promise.all([Promise.all(streams.map((s) => s.done)), readCoverage()]);
    const observations: Observation[] = sides.map((s, i) => ({
      captureId: results[i].id,
      interfaceId: s.target!.interfaceId,
      label: s.end.portLabel,
      side: s.side,
      packets: results[i].packets,
    }));
    return explainFailure(probe, path, observations, dropDeltas(before, after));
  } finally {
    streams.forEach((s) => s.stop());
  }
}
