"use client";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Background, Controls, NodeToolbar, Position, ReactFlow, applyNodeChanges, type NodeChange, type NodeTypes, type XYPosition } from "@xyflow/react";
import type { Topology } from "@/lib/contracts/topology";
import { buildFlow } from "@/lib/topology/build-flow";
import type { LabNode } from "@/lib/topology/flow-types";
import { keepPositions } from "@/lib/topology/keep-positions";
import { pathBetween } from "@/lib/topology/path-highlight";
import { pathTraceMarks } from "@/lib/topology/path-trace-marks";
import type { PathExplanation } from "@/lib/contracts/path-explain";
import { GraphActionsContext, type GraphActions } from "./graph-actions";
import { EndpointNode } from "./endpoint-node";
import { BridgeNode } from "./bridge-node";
import { DpdkNode } from "./dpdk-node";
import { HostFrameNode } from "./host-frame-node";
import { EndpointGroupNode } from "./endpoint-group-node";
import { GroupToggleContext, type GroupToggle } from "./group-toggle";
import { CaptionNode } from "./caption-node";
import { FitOnResize } from "./fit-on-resize";

/** Declared once, at module level, so React Flow never remounts the cards. */
const nodeTypes: NodeTypes = { endpoint: EndpointNode, bridge: BridgeNode, dpdk: DpdkNode, hostFrame: HostFrameNode, endpointGroup: EndpointGroupNode, caption: CaptionNode };

const FIT_VIEW = { padding: 0.06 };

export interface TopologyGraphProps {
  topology: Topology;
  actions: GraphActions;
  /** The pair whose path to light up, from the matrix cell under the pointer. */
  highlight: { from: string; to: string } | null;
  /** An explained path: lit where the packet went, a red marker where it died (it outranks `highlight`). */
  pathTrace?: PathExplanation | null;
  scale: number;
  colorMode: "dark" | "light";
  /** Where cards start (e.g. a snapshot's saved layout); without it the automatic layout alone. */
  initialPositions?: Readonly<Record<string, XYPosition>>;
  /** Cards to outline, e.g. those that differ between two snapshots. */
  marked?: ReadonlySet<string>;
  /** The positions the user dragged cards to, after every drag (what a snapshot saves as its layout). */
  onLayoutChange?: (moved: Record<string, XYPosition>) => void;
}

/**
 * Renders the pure graph model; keeps the cards where the user dragged them. Memoised: the page renders
 * once per frame while results stream in, and none of that concerns the graph.
 */
export const TopologyGraph = memo(function TopologyGraph({ topology, actions, highlight, pathTrace, scale, colorMode, initialPositions, marked, onLayoutChange }: TopologyGraphProps) {
  // Groups of endpoints opened by hand (many endpoints); the last one opened is where the view goes.
  const [groups, setGroups] = useState<{ expanded: ReadonlySet<string>; last: string | null }>({ expanded: new Set(), last: null });
  const toggleGroup = useCallback(
    (id: string) =>
      setGroups(({ expanded }) => {
        const next = new Set(expanded);
        const opening = !next.delete(id);
        if (opening) next.add(id);
        return { expanded: next, last: opening ? id : null };
      }),
    [],
  );
  const groupToggle: GroupToggle = useMemo(() => ({ expanded: groups.expanded, toggle: toggleGroup }), [groups.expanded, toggleGroup]);
  const flow = useMemo(() => buildFlow(topology, { scale, expanded: groups.expanded }), [topology, scale, groups.expanded]);
  const moved = useRef(new Map<string, XYPosition>(Object.entries(initialPositions ?? {})));
  const [nodes, setNodes] = useState<LabNode[]>(() => keepPositions(flow.nodes, new Map(Object.entries(initialPositions ?? {}))));
  useEffect(() => setNodes(keepPositions(flow.nodes, moved.current)), [flow.nodes]);
  const shownScale = useRef(scale);
  useEffect(() => {
    if (shownScale.current === scale) return;
    shownScale.current = scale;
    moved.current.clear();
    onLayoutChange?.({});
  }, [scale, onLayoutChange]);
  // A card added or removed, another text size, a group opened or closed: a fresh view, fitted to the whole
  // lab, or to the group just opened so its members can be read.
  const shape = `${scale} ${flow.nodes.map((n) => n.id).join(" ")} ${[...groups.expanded].join(" ")}`;
  const fitViewOptions = useMemo(() => (groups.last ? { ...FIT_VIEW, padding: 0.15, nodes: [{ id: groups.last }] } : FIT_VIEW), [groups.last]);
  // Panned or zoomed by hand (a move with an input event) since the last fresh view: no fit undoes that.
  const userMoved = useRef(false);
  useEffect(() => {
    userMoved.current = false;
  }, [shape]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);
  const zoomedByHand = useCallback(() => (userMoved.current = true), []);
  const fittedByHand = useCallback(() => (userMoved.current = false), []);

  const onNodesChange = useCallback((changes: NodeChange<LabNode>[]) => {
    let dragged = false;
    for (const c of changes)
      if (c.type === "position" && c.position && c.dragging) {
        moved.current.set(c.id, c.position);
        dragged = true;
      }
    setNodes((current) => applyNodeChanges(changes, current));
    if (dragged) onLayoutChange?.(Object.fromEntries(moved.current));
  }, [onLayoutChange]);

  const trace = useMemo(() => (pathTrace ? pathTraceMarks(flow.nodes, flow.edges, pathTrace) : null), [flow, pathTrace]);
  const hovered = useMemo(() => (highlight ? pathBetween(flow.nodes, flow.edges, highlight.from, highlight.to) : null), [flow, highlight]);
  const path = useMemo(() => (trace ? { nodeIds: trace.nodeIds, edgeIds: trace.litEdgeIds } : hovered), [trace, hovered]);
  const shownNodes = useMemo(
    () =>
      path || marked?.size
        ? nodes.map((n) => {
            const className = [path?.nodeIds.has(n.id) && "lab-highlight", marked?.has(n.id) && "lab-marked", trace?.dead?.nodeId === n.id && "lab-dead"].filter(Boolean).join(" ");
            return className ? { ...n, className } : n;
          })
        : nodes,
    [nodes, path, marked, trace],
  );
  const edges = useMemo(
    () =>
      flow.edges.map((e) => {
        const lit = path?.edgeIds.has(e.id) ?? false;
        const lost = trace?.lostEdgeIds.has(e.id) ?? false;
        const dpdk = e.data?.kind === "dpdk-wire" || e.data?.kind === "bridge-port";
        const patch = e.data?.kind === "patch";
        const tunnel = e.data?.kind === "tunnel";
        const stroke = lit ? "#0ea5e9" : lost ? "#dc2626" : dpdk ? "#f97316" : patch ? "#14b8a6" : tunnel ? "#7c3aed" : "#64748b";
        const dash = lost ? { strokeDasharray: "6 6" } : tunnel && !lit ? { strokeDasharray: "10 5" } : {};
        return { ...e, animated: lit, style: { strokeWidth: lit || lost ? 5 : tunnel ? 4 : 2.5, stroke, ...dash }, ...(tunnel ? { labelStyle: { fontWeight: 700 } } : {}) };
      }),
    [flow.edges, path, trace],
  );

  return (
    <GraphActionsContext.Provider value={actions}>
      <GroupToggleContext.Provider value={groupToggle}>
        <ReactFlow
          key={shape}
          aria-label="Lab topology"
          nodes={shownNodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          colorMode={colorMode}
          fitView
          fitViewOptions={fitViewOptions}
          onMoveStart={onMoveStart}
          minZoom={0.2}
          nodesConnectable={false}
          proOptions={{ hideAttribution: true }}
        >
          {trace?.dead && (
            <NodeToolbar nodeId={trace.dead.nodeId} isVisible position={Position.Top}>
              <div role="note" data-testid="path-dead-marker" data-node={trace.dead.nodeId} className="max-w-xs rounded-md bg-red-600 px-2 py-1 text-xs font-semibold text-white shadow">
                ✖ {trace.dead.reason}
              </div>
            </NodeToolbar>
          )}
          <FitOnResize options={fitViewOptions} userMoved={userMoved} />
          <Background />
          <Controls showInteractive={false} onZoomIn={zoomedByHand} onZoomOut={zoomedByHand} onFitView={fittedByHand} />
        </ReactFlow>
      </GroupToggleContext.Provider>
    </GraphActionsContext.Provider>
  );
});
