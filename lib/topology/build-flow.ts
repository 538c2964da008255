import type { Endpoint, NetInterface, Topology } from "../contracts/topology";
import { labNames } from "../lab-spec/names";
import { classifyTopology, hostPeerOf, type ClassifiedTopology } from "./classify-topology";
import { layoutTopology, type Box, type LayoutOptions, type TopologyLayout } from "./layout-topology";
import { groupNodes, groupSlots } from "./build-groups";
import { groupEndpoints, GROUPS_PER_ROW } from "./group-endpoints";
import {
  BRIDGE_INTERNAL_HANDLE,
  DPDK_PORT_HANDLE,
  nodeIds,
  type BridgePortChip,
  type LabEdge,
  type LabEdgeData,
  type LabFlow,
  type LabNode,
} from "./flow-types";

const relative = (box: Box, parent: Box) => ({ x: box.x - parent.x, y: box.y - parent.y });
const sized = (box: Box) => ({ width: box.width, height: box.height, style: { width: box.width, height: box.height } });

export interface FlowOptions extends Omit<LayoutOptions, "slots"> {
  /** Groups (by id) drawn open, each member with a card of its own; see group-endpoints. */
  expanded?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The topology DTO as React Flow nodes and edges, laid out; pure, so it is tested without a browser.
 * Many endpoints on the bridge (more than GROUP_CARDS_ABOVE) are drawn as groups of ten, each one card.
 */
export function buildFlow(topology: Topology, options: FlowOptions = {}): LabFlow {
  const model = classifyTopology(topology);
  const groups = groupEndpoints(model.attached);
  const expanded = options.expanded ?? NONE;
  const layout = layoutTopology(model, groups ? { perRow: GROUPS_PER_ROW, ...options, slots: groupSlots(groups, expanded) } : options);
  const nodes: LabNode[] = [];
  const edges: LabEdge[] = [];
  const bridgeName = topology.bridge?.name ?? "no bridge";
  const bridgeId = nodeIds.bridge(bridgeName);
  const interfacesOf = (e: Endpoint) => e.interfaceIds.flatMap((id) => model.interfacesById.get(id) ?? []);

  nodes.push({
    id: nodeIds.frame,
    type: "hostFrame",
    position: { x: layout.frame.x, y: layout.frame.y },
    ...sized(layout.frame),
    data: { label: "host", datapath: topology.bridge?.datapathType ?? "" },
    selectable: false,
    zIndex: -1,
  });
  const grouped = groups ? groupNodes({ topology, groups, expanded, layout, interfacesOf }) : null;
  const { chips, otherPorts } = bridgeChips(topology, model, layout, grouped === null);
  if (grouped) chips.push(...grouped.chips);
  nodes.push({
    id: bridgeId,
    type: "bridge",
    parentId: nodeIds.frame,
    extent: "parent",
    position: relative(layout.bridge, layout.frame),
    ...sized(layout.bridge),
    data: { name: bridgeName, datapath: topology.bridge?.datapathType ?? "", chips, otherPorts, dpdkPorts: model.dpdk.map((d) => d.port.name), internalOffset: layout.host ? layout.host.x + layout.host.width / 2 - layout.bridge.x : null },
  });

  if (model.host && layout.host) {
    const internal = interfacesOf(model.host)[0];
    nodes.push({
      id: nodeIds.endpoint("host"),
      type: "endpoint",
      parentId: nodeIds.frame,
      extent: "parent",
      position: relative(layout.host, layout.frame),
      ...sized(layout.host),
      data: { endpoint: model.host, interfaces: interfacesOf(model.host), handleSide: "bottom" },
    });
    if (internal)
      edges.push(edge(`internal:${internal.id}`, nodeIds.endpoint("host"), internal.id, bridgeId, BRIDGE_INTERNAL_HANDLE, "internal", ["host"]));
  }

  if (grouped) {
    nodes.push(...grouped.nodes);
    edges.push(...grouped.edges);
  }
  for (const e of grouped ? [] : model.attached) {
    const box = layout.endpoints.get(e.name)!;
    nodes.push({
      id: nodeIds.endpoint(e.name),
      type: "endpoint",
      parentId: nodeIds.frame,
      extent: "parent",
      position: relative(box, layout.frame),
      ...sized(box),
      data: { endpoint: e, interfaces: interfacesOf(e), handleSide: box.side === "top" ? "bottom" : "top" },
    });
    const own = interfacesOf(e).find((i) => i.peerId);
    const peer = hostPeerOf(e, model.interfacesById);
    if (own && peer) edges.push(edge(`veth:${own.id}`, nodeIds.endpoint(e.name), own.id, bridgeId, peer.id, "veth", [e.name]));
  }

  for (const d of model.dpdk) {
    const box = layout.dpdk.get(d.port.name)!;
    const id = nodeIds.dpdk(d.port.name);
    const serves = d.behind.map((e) => e.name);
    nodes.push({ id, type: "dpdk", parentId: nodeIds.frame, extent: "parent", position: relative(box, layout.frame), ...sized(box), data: { port: d.port, wire: d.wire } });
    edges.push(edge(`port:${d.port.name}`, id, DPDK_PORT_HANDLE, bridgeId, `dpdk:${d.port.name}`, "bridge-port", serves));
    for (const e of d.behind) {
      const outside = layout.endpoints.get(e.name)!;
      nodes.push({ id: nodeIds.endpoint(e.name), type: "endpoint", position: { x: outside.x, y: outside.y }, ...sized(outside), data: { endpoint: e, interfaces: interfacesOf(e), handleSide: "left" } });
      const own = interfacesOf(e).find((i) => i.peerId === d.wire?.id);
      if (own && d.wire) edges.push(edge(`wire:${d.port.name}:${e.name}`, id, d.wire.id, nodeIds.endpoint(e.name), own.id, "dpdk-wire", [e.name]));
    }
  }
  return { nodes, edges };
}

function edge(id: string, source: string, sourceHandle: string, target: string, targetHandle: string, kind: LabEdgeData["kind"], serves: string[]): LabEdge {
  return { id, source, sourceHandle, target, targetHandle, type: kind === "veth" || kind === "internal" ? "straight" : "smoothstep", data: { kind, serves } };
}

/**
 * One chip per endpoint's bridge port, centred under (or over) the endpoint so its veth is a straight line;
 * with `withChips` false (grouped endpoints) the ports are only known as the endpoints', not drawn one by one.
 */
function bridgeChips(topology: Topology, model: ClassifiedTopology, layout: TopologyLayout, withChips: boolean): { chips: BridgePortChip[]; otherPorts: string[] } {
  const ports = topology.bridge?.ports ?? [];
  const used = new Set<string>([topology.bridge?.name ?? "", ...model.dpdk.map((d) => d.port.name)]);
  const chips: BridgePortChip[] = [];
  const byName = new Map(ports.map((p) => [p.name, p]));
  for (const e of model.attached) {
    const box = layout.endpoints.get(e.name);
    const peer: NetInterface | null = hostPeerOf(e, model.interfacesById);
    const port = (peer && byName.get(peer.ifname)) || byName.get(labNames.hostVeth(topology.labId, e.name));
    if (!port && !peer) continue;
    if (port) used.add(port.name);
    if (!withChips || !box) continue;
    chips.push({
      handleId: peer?.id ?? `port:${port!.name}`,
      portName: port?.name ?? peer!.ifname,
      iface: peer,
      linkState: port?.linkState ?? null,
      error: port?.error ?? null,
      side: box.side === "bottom" ? "bottom" : "top",
      offset: box.x + box.width / 2 - layout.bridge.x,
    });
  }
  return { chips, otherPorts: ports.filter((p) => !used.has(p.name)).map((p) => p.name) };
}
