import { nodeIds, type LabEdge, type LabNode } from "./flow-types";

export interface Highlight {
  nodeIds: Set<string>;
  edgeIds: Set<string>;
}

export const NO_HIGHLIGHT: Highlight = { nodeIds: new Set(), edgeIds: new Set() };

/** The bridge cards an endpoint's own wires reach. */
function bridgesReached(edges: LabEdge[], endpoint: string, bridgeIds: Set<string>): Set<string> {
  const reached = new Set<string>();
  for (const e of edges) {
    if (!(e.data?.serves ?? []).includes(endpoint)) continue;
    for (const id of [e.source, e.target]) if (bridgeIds.has(id)) reached.add(id);
  }
  return reached;
}

/** The wires between bridges (patches; tunnels between hosts) from one set of bridges to another, shortest first (breadth-first). */
function patchRoute(edges: LabEdge[], from: Set<string>, to: Set<string>): LabEdge[] {
  const patches = edges.filter((e) => e.data?.kind === "patch" || e.data?.kind === "tunnel");
  const via = new Map<string, LabEdge | null>([...from].map((id) => [id, null]));
  const queue = [...from];
  while (queue.length) {
    const at = queue.shift()!;
    if (to.has(at)) return walkBack(via, at);
    for (const e of patches) {
      const next = e.source === at ? e.target : e.target === at ? e.source : null;
      if (next === null || via.has(next)) continue;
      via.set(next, e);
      queue.push(next);
    }
  }
  return [];
}

/** The edges that led to `at`, back to where the search started. */
function walkBack(via: Map<string, LabEdge | null>, at: string): LabEdge[] {
  const route: LabEdge[] = [];
  let node = at;
  for (let step = via.get(node); step; step = via.get(node)) {
    route.push(step);
    node = step.source === node ? step.target : step.source;
  }
  return route;
}

/**
 * The cards and wires a probe from `from` to `to` crosses: both ends, their links, and what joins
 * them, including the patch wires between their bridges when they hang on different ones, and the
 * tunnel between their hosts' bridges when they are on different hosts of a multi-host lab.
 */
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
  const bridgeIds = new Set(nodes.filter((n) => n.type === "bridge").map((n) => n.id));
  const [a, b] = [bridgesReached(edges, from, bridgeIds), bridgesReached(edges, to, bridgeIds)];
  if (a.size && b.size && ![...a].some((id) => b.has(id))) {
    for (const e of patchRoute(edges, a, b)) {
      edgeIds.add(e.id);
      ids.add(e.source);
      ids.add(e.target);
    }
  }
  const known = new Set(nodes.map((n) => n.id));
  return { nodeIds: new Set([...ids].filter((id) => known.has(id))), edgeIds };
}
