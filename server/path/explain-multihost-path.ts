import type { PathExplainRequest, PathExplanation } from "../../lib/contracts/path-explain";
import type { Topology } from "../../lib/contracts/topology";
import type { Discovery } from "../discovery/discover-lab";
import { LabError } from "../lab/lab-errors";
import type { LabService } from "../lab/lab-service";
import { hostNames } from "../multihost/host-names";
import { hostBridgeCounters, hostBridgeTrace, ovnTrace } from "../multihost/host-traces";

/** As on one host (explain-path.ts): packets in flight after the probe, and the revalidators' push to the rules. */
const COUNTERS_SETTLE_MS = 1000;
import { geneveHeaderOf } from "../multihost/parse-ovn-trace";
import { judgeMultiHostPath, type HostPathEnd } from "./judge-multihost-path";
import { hostTraceFlow, ovnTraceMicroflow } from "./ovn-trace-flow";

/** An endpoint of a multi-host lab as the traces need it: its host, its interface and its port on that host's br_int (all from discovery). */
function hostEnd(topology: Topology, name: string): HostPathEnd & { mac: string } {
  const endpoint = topology.endpoints.find((e) => e.name === name);
  const host = topology.hosts?.find((h) => h.endpoints.includes(name));
  const byId = new Map(topology.interfaces.map((i) => [i.id, i]));
  const inner = byId.get(endpoint?.interfaceIds[0] ?? "") ?? null;
  const peer = inner?.peerId ? byId.get(inner.peerId) : undefined;
  if (!endpoint?.ipv4 || !host || !inner?.mac || !peer) {
    const known = topology.endpoints.filter((e) => e.ipv4).map((e) => e.name).join(", ") || "none: is the lab up?";
    throw new LabError("notFound", `no endpoint "${name}" with an address, a host and a port on br_int in lab ${topology.labId}; endpoints: ${known}`);
  }
  return { name, host: host.name, ipv4: endpoint.ipv4, inner, port: peer.ifname, mac: inner.mac };
}

/**
 * The path of one cell across hosts: OVN's logical hops (ovn-trace), then ofproto/trace on the
 * sender's host's br_int up to the Geneve tunnel and on the receiver's from the tunnel to its port,
 * each through that host's own ovs-vswitchd; then the real probe once.
 */
export async function explainMultiHostPath(lab: LabService, discovery: Discovery, request: PathExplainRequest): Promise<PathExplanation> {
  if (request.sizeBytes !== undefined) throw new LabError("invalid", "sizeBytes: a sized probe is not explained across hosts yet; leave it out");
  const { topology } = discovery;
  const [from, to] = [hostEnd(topology, request.from), hostEnd(topology, request.to)];
  // Across a router the first packet goes to the sender's gateway, and leaves the router from the receiver's.
  const networks = topology.ovn?.router?.networks ?? [];
  const [fromNet, toNet] = [networks.find((n) => n.endpoints.includes(from.name)), networks.find((n) => n.endpoints.includes(to.name))];
  const routed = fromNet && toNet && fromNet !== toNet ? { out: { ...to, mac: fromNet.gatewayMac }, in: { ...from, mac: toNet.gatewayMac } } : null;
  const microflow = ovnTraceMicroflow(request.protocol, hostNames.logicalPort(topology.labId, from.name), from, routed?.out ?? to);
  const logical = await ovnTrace(fromNet?.switch ?? hostNames.logicalSwitch(topology.labId), microflow);
  const senderFlow = hostTraceFlow(request.protocol, from.port, from, routed?.out ?? to);
  const senderTrace = await hostBridgeTrace(topology.labId, from.host, senderFlow);
  const tunnel = from.host === to.host ? null : geneveHeaderOf(senderTrace.datapathActions);
  const tunnelPort = tunnel && topology.hosts?.find((h) => h.name === to.host)?.tunnels.find((t) => t.remote === tunnel.src)?.port;
  const receiverFlow = tunnelPort ? hostTraceFlow(request.protocol, tunnelPort, routed?.in ?? from, to, tunnel) : null;
  const receiver = receiverFlow ? { flow: receiverFlow, trace: await hostBridgeTrace(topology.labId, to.host, receiverFlow) } : null;
  // Counters of both hosts' br_int around the real probe (its packets, and the revalidators' push to the rules).
  const hosts = [...new Set([from.host, to.host])];
  const readAll = async () => new Map(await Promise.all(hosts.map(async (h) => [h, await hostBridgeCounters(topology.labId, h)] as const)));
  const before = await readAll();
  const probe = (await lab.runMatrix([request.protocol], request.timeoutMs, new Set([`${from.name}>${to.name}`]), { once: true })).results[0];
  if (!probe) throw new LabError("conflict", `no probe ran from ${from.name} to ${to.name}`);
  await new Promise((r) => setTimeout(r, COUNTERS_SETTLE_MS));
  const after = await readAll();
  const senderTunnelPort = tunnel ? (topology.hosts?.find((h) => h.name === from.host)?.tunnels.find((t) => t.remote === tunnel.dst)?.port ?? null) : null;
  const readings = { before, after, tunnelPorts: { sender: senderTunnelPort, receiver: tunnelPort ?? null } };
  return judgeMultiHostPath({ protocol: request.protocol, from, to, logical: { microflow, trace: logical.trace }, sender: { flow: senderFlow, trace: senderTrace }, tunnel, receiver, probe, readings });
}
