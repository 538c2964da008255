"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Background, Controls, ReactFlow, applyNodeChanges, type NodeChange, type NodeTypes, type XYPosition } from "@xyflow/react";
import type { Topology } from "@/lib/contracts/topology";
import { buildFlow } from "@/lib/topology/build-flow";
import type { LabNode } from "@/lib/topology/flow-types";
import { keepPositions } from "@/lib/topology/keep-positions";
import { pathBetween } from "@/lib/topology/path-highlight";
import { GraphActionsContext, type GraphActions } from "./graph-actions";
import { EndpointNode } from "./endpoint-node";
import { BridgeNode } from "./bridge-node";
import { DpdkNode } from "./dpdk-node";
import { HostFrameNode } from "./host-frame-node";

/** Declared once, at module level, so React Flow never remounts the cards. */
const nodeTypes: NodeTypes = { endpoint: EndpointNode, bridge: BridgeNode, dpdk: DpdkNode, hostFrame: HostFrameNode };

const FIT_VIEW = { padding: 0.06 };

export interface TopologyGraphProps {
  topology: Topology;
  actions: GraphActions;
  /** The pair whose path to light up, from the matrix cell under the pointer. */
  highlight: { from: string; to: string } | null;
  scale: number;
  colorMode: "dark" | "light";
}

/** Renders the pure graph model; keeps the cards where the user dragged them. */
export function TopologyGraph({ topology, actions, highlight, scale, colorMode }: TopologyGraphProps) {
  const flow = useMemo(() => buildFlow(topology, { scale }), [topology, scale]);
  const moved = useRef(new Map<string, XYPosition>());
  const [nodes, setNodes] = useState<LabNode[]>(flow.nodes);
  useEffect(() => setNodes(keepPositions(flow.nodes, moved.current)), [flow.nodes]);
  useEffect(() => moved.current.clear(), [scale]);
  // A card added or removed, or another text size: a fresh view, fitted to the whole lab.
  const shape = `${scale} ${flow.nodes.map((n) => n.id).join(" ")}`;

  const onNodesChange = useCallback((changes: NodeChange<LabNode>[]) => {
    for (const c of changes) if (c.type === "position" && c.position && c.dragging) moved.current.set(c.id, c.position);
    setNodes((current) => applyNodeChanges(changes, current));
  }, []);

  const path = useMemo(() => (highlight ? pathBetween(flow.nodes, flow.edges, highlight.from, highlight.to) : null), [flow, highlight]);
  const shownNodes = useMemo(
    () => (path ? nodes.map((n) => (path.nodeIds.has(n.id) ? { ...n, className: "lab-highlight" } : n)) : nodes),
    [nodes, path],
  );
  const edges = useMemo(
    () =>
      flow.edges.map((e) => {
        const lit = path?.edgeIds.has(e.id) ?? false;
        const dpdk = e.data?.kind === "dpdk-wire" || e.data?.kind === "bridge-port";
        return { ...e, animated: lit, style: { strokeWidth: lit ? 5 : 2.5, stroke: lit ? "#0ea5e9" : dpdk ? "#f97316" : "#64748b" } };
      }),
    [flow.edges, path],
  );

  return (
    <GraphActionsContext.Provider value={actions}>
      <ReactFlow
        key={shape}
        aria-label="Lab topology"
        nodes={shownNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        colorMode={colorMode}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </GraphActionsContext.Provider>
  );
}
