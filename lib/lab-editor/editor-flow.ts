import type { Edge, Node, XYPosition } from "@xyflow/react";
import { bridgeOf, draftBridges, type LabDraft } from "./lab-draft";
import { targetKey, type DraftError } from "./validate-draft";

/** The editor's graph: a card per bridge and per endpoint, an edge per port and per patch link. */
export type EditorBridgeData = { name: string; kind: "ovs" | "linux"; first: boolean; address: string | null; flows: number; errors: string[] };
export type EditorEndpointData = {
  name: string;
  kind: "container" | "netns";
  address: string;
  vlan: number | null;
  trunks: number[] | null;
  mtu: number | null;
  dpdk: boolean;
  errors: string[];
};
export type EditorBridgeNode = Node<EditorBridgeData, "editBridge">;
export type EditorEndpointNode = Node<EditorEndpointData, "editEndpoint">;
export type EditorNode = EditorBridgeNode | EditorEndpointNode;
export type EditorEdgeData = { kind: "port" | "patch"; errors: string[] };
export type EditorEdge = Edge<EditorEdgeData>;

export const editorNodeId = {
  bridge: (name: string) => `bridge:${name}`,
  endpoint: (name: string) => `endpoint:${name}`,
};
export const editorEdgeId = {
  port: (endpoint: string) => `port:${endpoint}`,
  patch: (a: string, b: string) => `patch:${[a, b].sort().join("~")}`,
};

/** What a node or edge id names. */
export type EditorItem = { kind: "bridge"; name: string } | { kind: "endpoint"; name: string } | { kind: "patch"; between: [string, string] } | { kind: "port"; endpoint: string };

export function editorItemOf(id: string): EditorItem | null {
  const colon = id.indexOf(":");
  const kind = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (colon < 0 || !rest) return null;
  if (kind === "bridge" || kind === "endpoint") return { kind, name: rest };
  if (kind === "port") return { kind, endpoint: rest };
  if (kind === "patch") {
    const [a, b] = rest.split("~");
    return a && b ? { kind, between: [a, b] } : null;
  }
  return null;
}

const BRIDGE_GAP = 420;
const ENDPOINT_GAP = 170;
const ENDPOINT_ROW_Y = 220;

/** Errors of one target, every field's, as lines (`vlan: a VLAN id from 1 to 4094`). */
function errorLines(errors: readonly DraftError[], key: string): string[] {
  return errors.filter((e) => targetKey(e.target) === key).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
}

/**
 * Bridges in a row, each bridge's endpoints in a row below it; a card the user dragged stays where it
 * was put (`positions`, by node id).
 */
export function buildEditorFlow(draft: LabDraft, errors: readonly DraftError[], positions: ReadonlyMap<string, XYPosition> = new Map()): { nodes: EditorNode[]; edges: EditorEdge[] } {
  const nodes: EditorNode[] = [];
  const edges: EditorEdge[] = [];
  let column = 0;
  for (const [i, b] of draftBridges(draft).entries()) {
    const members = draft.endpoints.filter((e) => bridgeOf(draft, e) === b.name);
    const width = Math.max(1, members.length) * ENDPOINT_GAP;
    const x = column + width / 2 - 90;
    const id = editorNodeId.bridge(b.name);
    nodes.push({
      id,
      type: "editBridge",
      position: positions.get(id) ?? { x, y: 0 },
      data: { name: b.name, kind: b.kind ?? "ovs", first: i === 0, address: b.address ?? null, flows: b.flows?.length ?? 0, errors: errorLines(errors, `bridge:${b.name}`) },
    });
    members.forEach((e, j) => {
      const eid = editorNodeId.endpoint(e.name);
      nodes.push({
        id: eid,
        type: "editEndpoint",
        position: positions.get(eid) ?? { x: column + j * ENDPOINT_GAP, y: ENDPOINT_ROW_Y },
        data: {
          name: e.name,
          kind: e.kind,
          address: e.address,
          vlan: e.vlan ?? null,
          trunks: e.trunks ?? null,
          mtu: e.mtu ?? null,
          dpdk: e.attach?.via === "dpdk",
          errors: errorLines(errors, `endpoint:${e.name}`),
        },
      });
      edges.push({ id: editorEdgeId.port(e.name), source: eid, target: id, sourceHandle: "port", targetHandle: "ports", data: { kind: "port", errors: [] } });
    });
    column += Math.max(width, BRIDGE_GAP);
  }
  for (const l of draft.links ?? []) {
    const [a, b] = l.between;
    edges.push({
      id: editorEdgeId.patch(a, b),
      source: editorNodeId.bridge(a),
      target: editorNodeId.bridge(b),
      sourceHandle: "patch-out",
      targetHandle: "patch-in",
      data: { kind: "patch", errors: errorLines(errors, `link:${[a, b].sort().join("~")}`) },
    });
  }
  return { nodes, edges };
}

/** A drag from one card's handle to another: which edit it asks for, or null (nothing sensible). */
export function connectionEdit(source: string | null, target: string | null): { kind: "attach"; endpoint: string; bridge: string } | { kind: "patch"; a: string; b: string } | null {
  const from = source ? editorItemOf(source) : null;
  const to = target ? editorItemOf(target) : null;
  if (!from || !to) return null;
  if (from.kind === "endpoint" && to.kind === "bridge") return { kind: "attach", endpoint: from.name, bridge: to.name };
  if (from.kind === "bridge" && to.kind === "endpoint") return { kind: "attach", endpoint: to.name, bridge: from.name };
  if (from.kind === "bridge" && to.kind === "bridge" && from.name !== to.name) return { kind: "patch", a: from.name, b: to.name };
  return null;
}
