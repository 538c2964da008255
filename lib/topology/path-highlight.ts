import { nodeIds, type LabEdge, type LabNode } from "./flow-types";

export interface Highlight {
  nodeIds: Set<string>;
  edgeIds: Set<string>;
}

export const NO_HIGHLIGHT: Highlight = { nodeIds: new Set(), edgeIds: new Set() };

/** The cards and wires a probe from `from` to `to` crosses: both ends, their links, and what joins them. */
export function pathBetween(nodes: LabNode[], edges: LabEdge[], from: string, to: string): Highlight {
  const edgeIds = new Set<string>();
  const ids = new Set<string>([nodeIds.endpoint(from), nodeIds.endpoint(to)]);
  for (const e of edges) {
    const serves = e.data?.serves ?? [];
    if (!serves.includes(from) && !serves.includes(to)) continue;
    edgeIds.add(e.id);
    ids.add(e.source);
    ids.add(e.target);
  }
  const known = new Set(nodes.map((n) => n.id));
  return { nodeIds: new Set([...ids].filter((id) => known.has(id))), edgeIds };
}
