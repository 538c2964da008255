import { HOST_DAEMON_NAMES, hostBridgeKey, hostSideOwner, type LabHost, type Topology, type TopologyLink } from "../contracts/topology";
import { edge, frameFlow, type FlowOptions } from "./frame-flow";
import { nodeIds, type BridgeNode, type LabEdge, type LabFlow, type LabNode, type TunnelHandle } from "./flow-types";
import type { Box } from "./layout-topology";

/** Room above the host frames for the caption naming the OVN logical switch. */
const CAPTION_HEIGHT = 56;
/** Between two host frames: room for the tunnel and its label. */
const HOST_GAP = 220;

/**
 * One host as a one-host topology: its br_int (named `<host>/br_int`, as links name it) without the
 * internal and tunnel ports (the tunnels are drawn as wires between hosts), and the endpoints whose
 * veth ends on it (or that discovery placed there by name, while their veth is missing).
 */
export function hostTopology(topology: Topology, host: LabHost): Topology {
  const byId = new Map(topology.interfaces.map((i) => [i.id, i]));
  const owner = hostSideOwner(host.name);
  const onHost = (e: Topology["endpoints"][number]) => {
    const peers = e.interfaceIds.flatMap((id) => byId.get(byId.get(id)?.peerId ?? "") ?? []);
    return peers.length ? peers.some((p) => p.owner === owner) : host.endpoints.includes(e.name);
  };
  const bridge = host.bridge
    ? { ...host.bridge, name: hostBridgeKey(host.name, host.bridge.name), ports: host.bridge.ports.filter((p) => p.name !== host.bridge!.name && !host.tunnels.some((t) => t.port === p.name) && p.type !== "geneve") }
    : null;
  return {
    labId: topology.labId,
    bridge,
    bridges: bridge ? [bridge] : [],
    endpoints: topology.endpoints.filter(onHost),
    interfaces: topology.interfaces,
    links: topology.links,
    discoveredAt: topology.discoveredAt,
  };
}

const rightOf = (boxes: Iterable<Box>) => Math.max(0, ...[...boxes].map((b) => b.x + b.width));

/** "Geneve 10.0.0.1 ⇄ 10.0.0.2": what a tunnel wire says. */
export const tunnelLabel = (link: TopologyLink) => `${link.tunnel?.encapsulation === "geneve" ? "Geneve" : "tunnel"} ${link.tunnel?.local ?? "?"} ⇄ ${link.tunnel?.remote ?? "?"}`;

/** The tunnel handles each bridge card gets: the tunnel leaves its `a` bridge and arrives at its `b`. */
function addTunnelHandles(nodes: LabNode[], tunnels: TopologyLink[]): void {
  const handles = new Map<string, TunnelHandle[]>();
  for (const t of tunnels)
    for (const [id, role] of [[t.a, "source"], [t.b, "target"]] as const) handles.set(id, [...(handles.get(id) ?? []), { handleId: t.id, role }]);
  for (const n of nodes) {
    if (n.type !== "bridge") continue;
    const b = n as BridgeNode;
    b.data = { ...b.data, label: b.data.name.split("/").slice(1).join("/"), ...(handles.has(b.id) ? { tunnels: handles.get(b.id) } : {}) };
  }
}

/**
 * A multi-host (OVN) lab: each host a frame of its own, left to right, titled with its name, chassis
 * and underlay address, holding its br_int band, the endpoints on it and its DPDK ports (the endpoints
 * behind those just right of it); the tunnels as wires between the hosts' bridges; a caption above
 * naming the OVN logical switch they make.
 */
export function buildHostsFlow(topology: Topology, options: FlowOptions): LabFlow {
  const s = options.scale ?? 1;
  const hosts = topology.hosts ?? [];
  const nodes: LabNode[] = [];
  const edges: LabEdge[] = [];
  let x = 0;
  for (const host of hosts) {
    const frame = frameFlow(hostTopology(topology, host), options, {
      id: nodeIds.hostFrame(host.name),
      origin: { x, y: CAPTION_HEIGHT * s },
      data: { label: `host ${host.name}`, datapath: host.bridge?.datapathType ?? "", chassis: host.chassis, underlay: host.underlay, daemonsDown: hostDaemonsDown(host) },
      key: (port) => hostBridgeKey(host.name, port),
    });
    nodes.push(...frame.nodes);
    edges.push(...frame.edges);
    x += rightOf([frame.layout.frame, ...frame.layout.endpoints.values()]) + HOST_GAP * s;
  }
  const tunnels = topology.links.filter((l) => l.kind === "tunnel");
  addTunnelHandles(nodes, tunnels);
  for (const t of tunnels) edges.push({ ...edge(t.id, t.a, t.id, t.b, t.id, "tunnel", []), label: tunnelLabel(t) });
  const width = Math.max(x - HOST_GAP * s, 0);
  nodes.unshift({
    id: nodeIds.caption,
    type: "caption",
    position: { x: 0, y: 0 },
    width,
    height: CAPTION_HEIGHT * s * 0.7,
    style: { width, height: CAPTION_HEIGHT * s * 0.7 },
    data: { text: ovnCaption(topology, hosts.length) },
    selectable: false,
  });
  return { nodes, edges };
}

/** The host's daemons that are not running, in their start order (none when the topology did not read them). */
export function hostDaemonsDown(host: LabHost): string[] {
  return HOST_DAEMON_NAMES.filter((d) => host.daemons && !host.daemons[d]);
}

/** What the graph's caption says the hosts implement: the logical switch, or the router and its networks. */
export function ovnCaption(topology: Pick<Topology, "ovn">, hostCount: number): string {
  const over = `over ${hostCount} host${hostCount === 1 ? "" : "s"} (Geneve)`;
  const router = topology.ovn?.router;
  if (router) return `OVN logical router ${router.name} joining ${router.networks.map((n) => `${n.switch} (${n.cidr}, gateway ${n.gateway.split("/")[0]})`).join(" and ")} ${over}`;
  return `OVN logical switch ${topology.ovn?.logicalSwitch ?? "of the lab"} ${over}`;
}
