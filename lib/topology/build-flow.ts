import type { Endpoint, Topology } from "../contracts/topology";
import { classifyTopology, hostPeerOf, type BridgeBand, type ClassifiedTopology } from "./classify-topology";
import { layoutTopology, type Box, type LayoutOptions, type TopologyLayout } from "./layout-topology";
import { groupNodes, groupSlots } from "./build-groups";
import { groupEndpoints, GROUPS_PER_ROW, type EndpointGroup } from "./group-endpoints";
import { bridgeChips, patchChips, patchHandle, patchPairs, type PatchPair } from "./bridge-chips";
import { BRIDGE_INTERNAL_HANDLE, DPDK_PORT_HANDLE, nodeIds, type LabEdge, type LabEdgeData, type LabFlow, type LabNode } from "./flow-types";

const relative = (box: Box, parent: Box) => ({ x: box.x - parent.x, y: box.y - parent.y });
const sized = (box: Box) => ({ width: box.width, height: box.height, style: { width: box.width, height: box.height } });

export interface FlowOptions extends Omit<LayoutOptions, "bandSlots"> {
  /** Groups (by id) drawn open, each member with a card of its own; see group-endpoints. */
  expanded?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

interface FlowContext {
  topology: Topology;
  model: ClassifiedTopology;
  layout: TopologyLayout;
  expanded: ReadonlySet<string>;
  pairs: PatchPair[];
  interfacesOf: (e: Endpoint) => ReturnType<typeof interfacesOfIn>;
}

const interfacesOfIn = (model: ClassifiedTopology, e: Endpoint) => e.interfaceIds.flatMap((id) => model.interfacesById.get(id) ?? []);

/**
 * The topology DTO as React Flow nodes and edges, laid out; pure, so it is tested without a browser.
 * Each bridge is a band of its own, with the endpoints whose veths end on it; many endpoints on one
 * bridge (more than GROUP_CARDS_ABOVE) are drawn as groups of ten, each one card.
 */
export function buildFlow(topology: Topology, options: FlowOptions = {}): LabFlow {
  const model = classifyTopology(topology);
  const groupsOf = new Map(model.bands.map((b) => [b.name, groupEndpoints(b.attached)]));
  const expanded = options.expanded ?? NONE;
  const layout = layoutTopology(model, {
    ...options,
    bandSlots: (band, card, s) => {
      const groups = groupsOf.get(band.name);
      return groups ? { slots: groupSlots(groups, expanded)(card, s), perRow: options.perRow ?? GROUPS_PER_ROW } : null;
    },
  });
  const ctx: FlowContext = { topology, model, layout, expanded, pairs: patchPairs(model.bands), interfacesOf: (e) => interfacesOfIn(model, e) };
  const nodes: LabNode[] = [];
  const edges: LabEdge[] = [];

  nodes.push({
    id: nodeIds.frame,
    type: "hostFrame",
    position: { x: layout.frame.x, y: layout.frame.y },
    ...sized(layout.frame),
    data: { label: "host", datapath: topology.bridge?.datapathType ?? "" },
    selectable: false,
    zIndex: -1,
  });
  model.bands.forEach((band, i) => bandFlow(ctx, band, i === 0, groupsOf.get(band.name) ?? null, nodes, edges));
  for (const p of ctx.pairs)
    edges.push({ ...edge(p.id, nodeIds.bridge(p.from.bridge), patchHandle(p.from.port.name), nodeIds.bridge(p.to.bridge), patchHandle(p.to.port.name), "patch", []), label: "patch" });

  for (const d of model.dpdk) {
    const box = layout.dpdk.get(d.port.name)!;
    const id = nodeIds.dpdk(d.port.name);
    const serves = d.behind.map((e) => e.name);
    nodes.push({ id, type: "dpdk", parentId: nodeIds.frame, extent: "parent", position: relative(box, layout.frame), ...sized(box), data: { port: d.port, wire: d.wire } });
    edges.push(edge(`port:${d.port.name}`, id, DPDK_PORT_HANDLE, nodeIds.bridge(d.bridge), `dpdk:${d.port.name}`, "bridge-port", serves));
    for (const e of d.behind) {
      const outside = layout.endpoints.get(e.name)!;
      nodes.push({ id: nodeIds.endpoint(e.name), type: "endpoint", position: { x: outside.x, y: outside.y }, ...sized(outside), data: { endpoint: e, interfaces: ctx.interfacesOf(e), handleSide: "left" } });
      const own = ctx.interfacesOf(e).find((i) => i.peerId === d.wire?.id);
      if (own && d.wire) edges.push(edge(`wire:${d.port.name}:${e.name}`, id, d.wire.id, nodeIds.endpoint(e.name), own.id, "dpdk-wire", [e.name]));
    }
  }
  return { nodes, edges };
}

/** One bridge's card and what hangs off it: the host (first bridge only), its endpoints or their groups. */
function bandFlow(ctx: FlowContext, band: BridgeBand, first: boolean, groups: EndpointGroup[] | null, nodes: LabNode[], edges: LabEdge[]): void {
  const { topology, model, layout, interfacesOf } = ctx;
  const bridgeId = nodeIds.bridge(band.name);
  const bridgeBox = layout.bridges.get(band.name)!;
  const grouped = groups ? groupNodes({ bridge: band.name, groups, expanded: ctx.expanded, layout, interfacesOf }) : null;
  const { chips, otherPorts } = bridgeChips(topology, model, band, layout, grouped === null);
  if (grouped) chips.push(...grouped.chips);
  const patches = patchChips(band.name, ctx.pairs);
  const host = first ? layout.host : null;
  nodes.push({
    id: bridgeId,
    type: "bridge",
    parentId: nodeIds.frame,
    extent: "parent",
    position: relative(bridgeBox, layout.frame),
    ...sized(bridgeBox),
    data: {
      name: band.name,
      datapath: band.bridge?.datapathType ?? "",
      chips,
      otherPorts,
      dpdkPorts: band.dpdk.map((d) => d.port.name),
      internalOffset: host ? host.x + host.width / 2 - bridgeBox.x : null,
      ...(patches.length ? { patches } : {}),
    },
  });

  if (first && model.host && layout.host) {
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
    if (internal) edges.push(edge(`internal:${internal.id}`, nodeIds.endpoint("host"), internal.id, bridgeId, BRIDGE_INTERNAL_HANDLE, "internal", ["host"]));
  }

  if (grouped) {
    nodes.push(...grouped.nodes);
    edges.push(...grouped.edges);
  }
  for (const e of grouped ? [] : band.attached) {
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
}

function edge(id: string, source: string, sourceHandle: string, target: string, targetHandle: string, kind: LabEdgeData["kind"], serves: string[]): LabEdge {
  return { id, source, sourceHandle, target, targetHandle, type: kind === "veth" || kind === "internal" ? "straight" : "smoothstep", data: { kind, serves } };
}
