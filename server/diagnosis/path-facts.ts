import type { CapturedPacket } from "../../lib/contracts/capture";
import type { HostFacts } from "../../lib/contracts/host-facts";
import type { NetInterface, Topology } from "../../lib/contracts/topology";

/** One end of the probed path: the endpoint, the interface it sends from, and the port it meets the switch on. */
export interface PathEnd {
  name: string;
  ipv4: string;
  /** The endpoint's own interface (c1:eth0), or the bridge's internal port for "host". */
  inner: NetInterface | null;
  /** Where to watch it: the veth's host end on the bridge, the internal port, or (behind DPDK) its own eth0. */
  port: NetInterface | null;
  /** "c1's bridge port", "server's wire under the DPDK port". */
  portLabel: string;
}

export interface PathFacts {
  from: PathEnd;
  to: PathEnd;
  bridge: { kind: "ovs" | "linux"; name: string; datapathType: string | null } | null;
  host: Pick<HostFacts, "bridgeNetfilter" | "ovsVersion" | "userspaceTso">;
}

/** Packets one capture saw, and where. */
export interface Observation {
  captureId: string;
  interfaceId: string;
  label: string;
  /** Which end's port this capture sat on. */
  side: "from" | "to";
  packets: CapturedPacket[];
}

function portLabel(owner: string, port: NetInterface | null): string {
  if (!port) return `${owner}'s interface`;
  if (port.role === "bridge-internal") return "the bridge's internal port";
  if (port.role === "container-end") return `${port.id} (behind the DPDK port)`;
  return `${owner}'s bridge port (${port.id})`;
}

export function pathEnd(topology: Topology, name: string): PathEnd | null {
  const endpoint = topology.endpoints.find((e) => e.name === name);
  if (!endpoint?.ipv4) return null;
  const byId = new Map(topology.interfaces.map((i) => [i.id, i]));
  const inner = byId.get(endpoint.interfaceIds[0] ?? "") ?? null;
  const peer = inner?.peerId ? byId.get(inner.peerId) ?? null : null;
  // The DPDK poll-mode driver sends with qdisc bypass, so tcpdump on its wire misses what it sends: watch the far end instead.
  const port = inner?.role === "bridge-internal" || peer?.role === "dpdk-wire" ? inner : peer;
  return { name, ipv4: endpoint.ipv4, inner, port, portLabel: portLabel(name, port) };
}

export function pathFacts(topology: Topology, from: string, to: string, host: PathFacts["host"]): PathFacts | null {
  const a = pathEnd(topology, from);
  const b = pathEnd(topology, to);
  if (!a || !b) return null;
  const bridge = topology.bridge ? { kind: "ovs" as const, name: topology.bridge.name, datapathType: topology.bridge.datapathType } : null;
  return { from: a, to: b, bridge, host };
}
