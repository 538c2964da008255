"use client";
import { useCallback, useMemo, useState } from "react";
import { Background, Controls, ReactFlow, type Connection, type NodeTypes, type XYPosition } from "@xyflow/react";
import type { LabDraft } from "@/lib/lab-editor/lab-draft";
import { buildEditorFlow } from "@/lib/lab-editor/editor-flow";
import type { DraftError } from "@/lib/lab-editor/validate-draft";
import { EditBridgeNode, EditEndpointNode } from "./editor-nodes";

/** Declared once, at module level, so React Flow never remounts the cards. */
const nodeTypes: NodeTypes = { editBridge: EditBridgeNode, editEndpoint: EditEndpointNode };

export interface EditorCanvasProps {
  draft: LabDraft;
  errors: readonly DraftError[];
  selected: string | null;
  colorMode: "dark" | "light";
  onSelect: (id: string | null) => void;
  onConnect: (source: string, target: string) => void;
  onDelete: (ids: string[]) => void;
}

/** Renders the editor's pure graph model; every change goes back through the model's edits. */
export function EditorCanvas({ draft, errors, selected, colorMode, onSelect, onConnect, onDelete }: EditorCanvasProps) {
  // Where the user dragged cards: the model is built again with each card where it was put.
  const [positions, setPositions] = useState<ReadonlyMap<string, XYPosition>>(() => new Map());
  const flow = useMemo(() => buildEditorFlow(draft, errors, positions), [draft, errors, positions]);
  const nodes = useMemo(() => flow.nodes.map((n) => ({ ...n, selected: n.id === selected })), [flow.nodes, selected]);
  const edges = useMemo(
    () =>
      flow.edges.map((e) => ({
        ...e,
        selected: e.id === selected,
        style: { strokeWidth: e.id === selected ? 5 : 3, stroke: e.data?.errors.length ? "#dc2626" : e.data?.kind === "patch" ? "#7c3aed" : "#64748b", strokeDasharray: e.data?.kind === "patch" ? "6 4" : undefined },
        label: e.data?.kind === "patch" ? "patch" : undefined,
      })),
    [flow.edges, selected],
  );
  const connect = useCallback((c: Connection) => onConnect(c.source, c.target), [onConnect]);
  return (
    <ReactFlow
      aria-label="Lab editor"
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      colorMode={colorMode}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.2}
      onConnect={connect}
      onNodeClick={(_, n) => onSelect(n.id)}
      onEdgeClick={(_, e) => onSelect(e.id)}
      onPaneClick={() => onSelect(null)}
      onNodesChange={(changes) => {
        const moved = changes.flatMap((c) => (c.type === "position" && c.position ? [[c.id, c.position] as const] : []));
        if (moved.length) setPositions((p) => new Map([...p, ...moved]));
      }}
      onDelete={({ nodes: n, edges: e }) => onDelete([...n.map((x) => x.id), ...e.map((x) => x.id)])}
      deleteKeyCode={["Delete", "Backspace"]}
      proOptions={{ hideAttribution: true }}
    >
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
