import type { Diagnosis } from "../../lib/contracts/diagnosis";
import type { DiagnoseRequest } from "../../lib/contracts/capture-inputs";
import type { Topology } from "../../lib/contracts/topology";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";
import { LabError } from "../lab/lab-errors";
import { readHostFacts } from "../host/host-facts";
import { buildBpfFilter } from "../capture/bpf-filter";
import { CaptureStream, type CaptureTarget } from "../capture/capture-stream";
import type { Discovery } from "../discovery/discover-lab";
import type { ProbeResult, Protocol } from "../../lib/contracts/matrix";
import { explainFailure } from "./explain-failure";
import { vswitchdAppctl, type OvsTarget } from "../ovs/ovs-target";
import { dropDeltas, parseCoverage } from "../ovs/parse-coverage";
import { pathFacts, type Observation, type PathEnd, type PathFacts } from "./path-facts";
import { hostNamespaceTarget } from "../capture/host-capture-target";
import { watchUnderlay } from "./underlay-capture";
import { underlayEvidence } from "./check-underlay";

/** Coverage counters of ovs-vswitchd; empty when it does not answer (a Linux-bridge lab needs none). */
async function readCoverage(target: OvsTarget): Promise<Map<string, number>> {
  const r = await vswitchdAppctl(target, ["coverage/show"], { timeoutMs: 3000 }).catch(() => null);
  return parseCoverage(r?.stdout ?? "");
}

/** Packets still in flight after the probe gave up (retransmitted SYN/ACKs, late ICMP). */
const SETTLE_MS = 300;

interface Side {
  side: "from" | "to";
  label: string;
  stream: CaptureStream;
}

/** tcpdump cannot open a link that is down: watch the first one on the end's path that is up. */
function targetOf(end: PathEnd, runtimes: { name: string; netns: string | null }[], topology: Topology): { target: CaptureTarget; label: string } | null {
  const iface = [end.port, end.inner].find((i) => i?.up);
  if (!iface) return null;
  // A multi-host lab: the endpoint's host end is inside its host's namespace.
  const inHost = hostNamespaceTarget(topology.labId, topology.hosts ?? [], iface);
  if (inHost) return { target: inHost, label: iface === end.port ? end.portLabel : iface.id };
  const netns = iface.owner === "host" ? null : runtimes.find((r) => r.name === iface.owner)?.netns ?? null;
  return { target: { interfaceId: iface.id, ifname: iface.ifname, netns }, label: iface === end.port ? end.portLabel : iface.id };
}

/** Where diagnosis captures are counted (against the same limit as the others) and kept for download. */
export interface CaptureSink {
  reserve: (count: number) => void;
  add: (s: CaptureStream) => void;
}

/** One capture per end (one if both ends share it), started and listening; those that cannot start are reported, not fatal. */
async function startSides(path: PathFacts, runtimes: { name: string; netns: string | null }[], topology: Topology, filter: string[], timeoutMs: number, captures: CaptureSink) {
  const wanted = ([["from", path.from], ["to", path.to]] as const)
    .map(([side, end]) => ({ side, end, at: targetOf(end, runtimes, topology) }))
    .filter((s, i, all) => s.at && all.findIndex((o) => o.at?.target.interfaceId === s.at!.target.interfaceId) === i);
  captures.reserve(wanted.length);
  const started = wanted.map((w) => ({ side: w.side, label: w.at!.label, stream: new CaptureStream(w.at!.target, filter, { durationMs: timeoutMs + 5000, maxPackets: 500 }) }));
  started.forEach((s) => captures.add(s.stream));
  const ready = await Promise.allSettled(started.map((s) => s.stream.ready));
  const problems = ready.flatMap((r, i) => (r.status === "rejected" ? [`no capture on ${started[i].label}: ${(r.reason as Error).message}`] : []));
  const missing = ([path.from, path.to] as const).filter((e) => !targetOf(e, runtimes, topology)).map((e) => `no capture at ${e.name}: every interface on its side is down`);
  return { sides: started.filter((_, i) => ready[i].status === "fulfilled") as Side[], problems: [...problems, ...missing] };
}

function requirePath(topology: Topology, request: DiagnoseRequest, host: Parameters<typeof pathFacts>[3]) {
  const path = pathFacts(topology, request.from, request.to, host);
  if (!path) {
    const known = topology.endpoints.filter((e) => e.ipv4).map((e) => e.name).join(", ") || "none: is the lab up?";
    throw new LabError("notFound", `no endpoints "${request.from}" and "${request.to}" with addresses in lab ${topology.labId}; known: ${known}`);
  }
  return path;
}

/** What a diagnosis needs from a lab: its discovered state and a way to run one probe. */
export interface ProbeSource {
  discover: () => Promise<Discovery>;
  runProbe: (protocol: Protocol, from: string, to: string, timeoutMs: number) => Promise<ProbeResult | undefined>;
  /** Discovery knows OVS bridges only; a Linux-bridge lab says so here. */
  bridge?: PathFacts["bridge"];
}

/** The server's own lab as a probe source. */
export function labSource(lab: LabService): ProbeSource {
  return {
    discover: () => lab.refresh(),
    runProbe: async (protocol, from, to, timeoutMs) => (await lab.runMatrix([protocol], timeoutMs, new Set([`${from}>${to}`]))).results[0],
  };
}

/** Captures on both ends of the path while the one probe runs again, then explains what the packets show. */
export async function diagnoseProbe(ctx: HostContext, source: ProbeSource, captures: CaptureSink, request: DiagnoseRequest): Promise<Diagnosis> {
  const [{ topology, runtimes }, host] = await Promise.all([source.discover(), readHostFacts(ctx)]);
  const path = requirePath(topology, request, host);
  if (source.bridge !== undefined) path.bridge = source.bridge;
  const filter = buildBpfFilter({ protocols: request.protocol === "icmp" ? ["icmp"] : [request.protocol, "icmp"], hosts: [path.from.ipv4, path.to.ipv4], withArp: true });
  const { sides, problems } = await startSides(path, runtimes, topology, filter, request.timeoutMs, captures);
  // Across hosts: the sender's underlay too, where the tunnel shows what it carried.
  const { watch: underlay, problem: underlayProblem } = await watchUnderlay(topology, request.from, request.to, filter, request.timeoutMs, () => captures.reserve(1));
  if (underlay) captures.add(underlay.stream);
  try {
    const before = await readCoverage(ctx.config);
    const probe = await source.runProbe(request.protocol, request.from, request.to, request.timeoutMs);
    if (!probe) throw new LabError("conflict", `no probe ran from ${request.from} to ${request.to}`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    sides.forEach((s) => s.stream.stop());
    const [results, after] = await Promise.all([Promise.all(sides.map((s) => s.stream.done)), readCoverage(ctx.config)]);
    const observations: Observation[] = sides.map((s, i) => ({
      captureId: results[i].id,
      interfaceId: s.stream.target.interfaceId,
      label: s.label,
      side: s.side,
      packets: results[i].packets,
    }));
    const diagnosis = explainFailure(probe, path, observations, dropDeltas(before, after));
    const tunnel = underlay ? await underlay.finish() : null;
    const tunnelRef = tunnel ? [{ captureId: tunnel.captureId, interfaceId: tunnel.interfaceId, label: tunnel.label, packetCount: tunnel.packets.length }] : [];
    const tunnelWords = [...(tunnel ? [underlayEvidence(path, tunnel)] : []), ...(underlayProblem ? [underlayProblem] : [])];
    return { ...diagnosis, evidence: [...diagnosis.evidence, ...tunnelWords, ...problems], captures: [...diagnosis.captures, ...tunnelRef] };
  } finally {
    sides.forEach((s) => s.stream.stop());
    underlay?.stream.stop();
  }
}
