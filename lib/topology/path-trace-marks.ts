import type { PathExplanation } from "../contracts/path-explain";
import { nodeIds, type LabEdge, type LabNode } from "./flow-types";
import { pathBetween } from "./path-highlight";

/** What an explained path looks like on the graph: the cards and wires it reached, those it never did, and where it died. */
export interface PathTraceMarks {
  nodeIds: Set<string>;
  litEdgeIds: Set<string>;
  lostEdgeIds: Set<string>;
  /** The card where the packet died, and why (null: it arrived). */
  dead: { nodeId: string; reason: string; death: string } | null;
}

/** The card a hop is drawn on: an endpoint's own card, a DPDK port's card, else its bridge's card. */
function cardOf(hop: PathExplanation["hops"][number], known: Set<string>, fallback: string): string {
  const candidates = hop.kind === "endpoint" && hop.endpoint ? [nodeIds.endpoint(hop.endpoint)] : [hop.port ? nodeIds.dpdk(hop.port) : "", hop.bridge ? nodeIds.bridge(hop.bridge) : ""];
  return candidates.find((id) => known.has(id)) ?? fallback;
}

/**
 * Pure: from an explanation and the graph model, which wires to light, which to draw as lost, and
 * the card that gets the red marker. The sender's side is lost when it died before leaving the
 * sender's port; the receiver's side is reached only when it arrived or died in the receiver itself.
 */
export function pathTraceMarks(nodes: LabNode[], edges: LabEdge[], explained: PathExplanation): PathTraceMarks {
  const path = pathBetween(nodes, edges, explained.from, explained.to);
  const known = new Set(nodes.map((n) => n.id));
  const died = explained.died;
  const last = explained.hops.length - 1;
  const senderSideReached = !died || died.hop >= 2;
  const receiverSideReached = !died || died.hop === last;
  const lit = new Set<string>();
  const lost = new Set<string>();
  for (const e of edges) {
    if (!path.edgeIds.has(e.id)) continue;
    const serves = e.data?.serves ?? [];
    const reached = serves.includes(explained.from) ? senderSideReached : receiverSideReached;
    (reached ? lit : lost).add(e.id);
  }
  const fallback = [...path.nodeIds].find((id) => id.startsWith("bridge:")) ?? nodeIds.endpoint(explained.to);
  const dead = died ? { nodeId: cardOf(explained.hops[died.hop], known, fallback), reason: died.reason, death: died.death } : null;
  return { nodeIds: path.nodeIds, litEdgeIds: lit, lostEdgeIds: lost, dead };
}
