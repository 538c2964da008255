import { topologyBridges, type NetInterface, type Topology } from "../../lib/contracts/topology";
import type { DpifPort } from "../ovs/parse-dpif-show";
import type { ProbeResult } from "../../lib/contracts/matrix";

/** What the real probe said, as the path judgement reads it. */
export type PathProbe = Pick<ProbeResult, "ok" | "error" | "rttMs" | "detail" | "droppedBy" | "evidence">;

/** One end of a probed path as the switch sees it: the endpoint, its interfaces, and its OVS port. */
export interface PathSide {
  name: string;
  ipv4: string;
  /** The endpoint's own interface (c1:eth0), or the bridge's internal port for "host". */
  inner: NetInterface | null;
  /** The interface OVS sends into and reads from: the veth's host end, the internal port, or the DPDK wire. */
  hostEnd: NetInterface | null;
  /** The bridge port the endpoint hangs on (from dpif/show: it knows every bridge). */
  port: DpifPort | null;
  /** The port's VLAN tag (null: untagged, VLAN 0). */
  tag: number | null;
}

/** The OVS port names an endpoint could sit behind: its internal port, its veth peer, or the DPDK port on its wire. */
function portCandidates(topology: Topology, inner: NetInterface, peer: NetInterface | null): string[] {
  const dpdk = topologyBridges(topology).flatMap((b) => b.ports).filter((p) => p.dpdk?.wireInterfaceId && p.dpdk.wireInterfaceId === peer?.id).map((p) => p.name);
  return [...(inner.role === "bridge-internal" ? [inner.ifname] : []), ...(peer ? [peer.ifname] : []), ...dpdk];
}

/** null when the endpoint has no address or no interface: nothing to trace from or to. */
export function pathSide(topology: Topology, ports: DpifPort[], name: string, tags: Map<string, number | null>): PathSide | null {
  const endpoint = topology.endpoints.find((e) => e.name === name);
  if (!endpoint?.ipv4) return null;
  const byId = new Map(topology.interfaces.map((i) => [i.id, i]));
  const inner = byId.get(endpoint.interfaceIds[0] ?? "") ?? null;
  if (!inner) return null;
  const peer = inner.peerId ? byId.get(inner.peerId) ?? null : null;
  const port = portCandidates(topology, inner, peer).map((n) => ports.find((p) => p.name === n)).find((p) => p !== undefined) ?? null;
  const hostEnd = inner.role === "bridge-internal" ? inner : peer;
  return { name, ipv4: endpoint.ipv4, inner, hostEnd, port, tag: port ? tags.get(port.name) ?? null : null };
}
