import type { Endpoint, Topology } from "../contracts/topology";
import { classifyTopology, hostPeerOf, type BridgeBand, type ClassifiedTopology } from "./classify-topology";
import { layoutTopology, type Box, type LayoutOptions, type TopologyLayout } from "./layout-topology";
import { groupNodes, groupSlots } from "./build-groups";
import { groupEndpoints, GROUPS_PER_ROW, type EndpointGroup } from "./group-endpoints";
import { bridgeChips, patchChips, patchHandle, patchPairs, type PatchPair } from "./bridge-chips";
import { BRIDGE_INTERNAL_HANDLE, DPDK_PORT_HANDLE, nodeIds, type HostFrameData, type LabEdge, type LabEdgeData, type LabFlow, type LabNode } from "./flow-types";

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
  /** The frame the cards sit in. */
  frameId: string;
  pairs: PatchPair[];
  interfacesOf: (e: Endpoint) => ReturnType<typeof interfacesOfIn>;
}

const interfacesOfIn = (model: ClassifiedTopology, e: Endpoint) => e.interfaceIds.flatMap((id) => model.interfacesById.get(id) ?? []);

/** One frame of the graph: the lab's host, or one host of a multi-host lab. */
export interface FrameSpec {
  id: string;
  /** Where the frame's top-left corner goes (the endpoints outside it move with it). */
  origin: { x: number; y: number };
  data: HostFrameData;
  /** A port's name as node and edge ids say it: the port itself, or `<host>/<port>` on a multi-host lab. */
  key: (port: string) => string;
}

export const LAB_FRAME: FrameSpec = { id: nodeIds.frame, origin: { x: 0, y: 0 }, data: { label: "host", datapath: "" }, key: (p) => p };

/** One frame's nodes and edges (and its layout, for placing the next frame beside it). */
export function frameFlow(topology: Topology, options: FlowOptions, frame: FrameSpec): LabFlow & { layout: TopologyLayout } {
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
  const ctx: FlowContext = { topology, model, layout, expanded, frameId: frame.id, pairs: patchPairs(model.bands), interfacesOf: (e) => interfacesOfIn(model, e) };
  const nodes: LabNode[] = [];
  const edges: LabEdge[] = [];
  const at = (box: Box) => ({ x: box.x + frame.origin.x, y: box.y + frame.origin.y });

  nodes.push({ id: frame.id, type: "hostFrame", position: at(layout.frame), ...sized(layout.frame), data: frame.data, selectable: false, zIndex: -1 });
  model.bands.forEach((band, i) => bandFlow(ctx, band, i === 0, groupsOf.get(band.name) ?? null, nodes, edges));
  for (const p of ctx.pairs)
    edges.push({ ...edge(p.id, nodeIds.bridge(p.from.bridge), patchHandle(p.from.port.name), nodeIds.bridge(p.to.bridge), patchHandle(p.to.port.name), "patch", []), label: "patch" });

  for (const d of model.dpdk) {
    const box = layout.dpdk.get(d.port.name)!;
    const port = frame.key(d.port.name);
    const id = nodeIds.dpdk(port);
    const serves = d.behind.map((e) => e.name);
    nodes.push({ id, type: "dpdk", parentId: frame.id, extent: "parent", position: relative(box, layout.frame), ...sized(box), data: { port: d.port, wire: d.wire } });
    edges.push(edge(`port:${port}`, id, DPDK_PORT_HANDLE, nodeIds.bridge(d.bridge), `dpdk:${d.port.name}`, "bridge-port", serves));
    for (const e of d.behind) {
      const outside = layout.endpoints.get(e.name)!;
      nodes.push({ id: nodeIds.endpoint(e.name), type: "endpoint", position: at(outside), ...sized(outside), data: { endpoint: e, interfaces: ctx.interfacesOf(e), handleSide: "left" } });
      const own = ctx.interfacesOf(e).find((i) => i.peerId === d.wire?.id);
      if (own && d.wire) edges.push(edge(`wire:${port}:${e.name}`, id, d.wire.id, nodeIds.endpoint(e.name), own.id, "dpdk-wire", [e.name]));
    }
  }
  return { nodes, edges, layout };
}

/** One bridge's card and what hangs off it: the host (first bridge only), its endpoints or their groups. */
function bandFlow(ctx: FlowContext, band: BridgeBand, first: boolean, groups: EndpointGroup[] | null, nodes: LabNode[], edges: LabEdge[]): void {
  const { topology, model, layout, interfacesOf } = ctx;
  const bridgeId = nodeIds.bridge(band.name);
  const bridgeBox = layout.bridges.get(band.name)!;
  const grouped = groups ? groupNodes({ frameId: ctx.frameId, bridge: band.name, groups, expanded: ctx.expanded, layout, interfacesOf }) : null;
  const { chips, otherPorts } = bridgeChips(topology, model, band, layout, grouped === null);
  if (grouped) chips.push(...grouped.chips);
  const patches = patchChips(band.name, ctx.pairs);
  const host = first ? layout.host : null;
  nodes.push({
    id: bridgeId,
    type: "bridge",
    parentId: ctx.frameId,
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
      parentId: ctx.frameId,
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
      parentId: ctx.frameId,
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

export function edge(id: string, source: string, sourceHandle: string, target: string, targetHandle: string, kind: LabEdgeData["kind"], serves: string[]): LabEdge {
  return { id, source, sourceHandle, target, targetHandle, type: kind === "veth" || kind === "internal" ? "straight" : "smoothstep", data: { kind, serves } };
}
