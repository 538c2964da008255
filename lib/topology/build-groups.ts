import type { Endpoint, NetInterface } from "../contracts/topology";
import { GROUP_HANDLE, nodeIds, type BridgePortChip, type EndpointGroupNode, type LabEdge } from "./flow-types";
import { groupCardSize, type EndpointGroup } from "./group-endpoints";
import type { Box, Slot, TopologyLayout } from "./layout-topology";

/** The slots the rows hold when endpoints are grouped: one per group, larger when it is expanded. */
export function groupSlots(groups: readonly EndpointGroup[], expanded: ReadonlySet<string>): (card: { width: number; height: number }, s: number) => Slot[] {
  return (card, s) => groups.map((g) => ({ id: g.id, ...groupCardSize(g, expanded.has(g.id), card, s) }));
}

/**
 * A card per group inside the host frame, one wire from it to one chip on the bridge that stands for
 * its members' ports; the wire serves every member, so a matrix pair lights the groups it crosses.
 */
export function groupNodes(input: {
  /** The frame the group cards sit in (the lab's host, or one host of a multi-host lab). */
  frameId?: string;
  /** The bridge the groups hang off. */
  bridge: string;
  groups: readonly EndpointGroup[];
  expanded: ReadonlySet<string>;
  layout: TopologyLayout;
  interfacesOf: (e: Endpoint) => NetInterface[];
}): { nodes: EndpointGroupNode[]; edges: LabEdge[]; chips: BridgePortChip[] } {
  const { bridge, groups, expanded, layout, interfacesOf } = input;
  const bridgeId = nodeIds.bridge(bridge);
  const bridgeBox = layout.bridges.get(bridge)!;
  const relative = (box: Box) => ({ x: box.x - layout.frame.x, y: box.y - layout.frame.y });
  const nodes: EndpointGroupNode[] = [];
  const edges: LabEdge[] = [];
  const chips: BridgePortChip[] = [];
  for (const g of groups) {
    const box = layout.endpoints.get(g.id)!;
    const side = box.side === "bottom" ? "bottom" : "top";
    nodes.push({
      id: g.id,
      type: "endpointGroup",
      parentId: input.frameId ?? nodeIds.frame,
      extent: "parent",
      position: relative(box),
      width: box.width,
      height: box.height,
      style: { width: box.width, height: box.height },
      data: {
        group: { id: g.id, label: g.label },
        members: g.members.map((endpoint) => ({ endpoint, interfaces: interfacesOf(endpoint) })),
        expanded: expanded.has(g.id),
        handleSide: side === "top" ? "bottom" : "top",
      },
    });
    const handleId = `ports:${g.id}`;
    chips.push({ handleId, portName: g.label, iface: null, linkState: null, error: null, side, offset: box.x + box.width / 2 - bridgeBox.x, group: { label: g.label, ports: g.members.length } });
    edges.push({ id: `veths:${g.id}`, source: g.id, sourceHandle: GROUP_HANDLE, target: bridgeId, targetHandle: handleId, type: "straight", data: { kind: "veth", serves: g.members.map((m) => m.name) } });
  }
  return { nodes, edges, chips };
}
