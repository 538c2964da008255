"use client";
import { useEffect, useRef, type RefObject } from "react";
import { useNodesInitialized, useReactFlow, useStore, type FitViewOptions } from "@xyflow/react";

/**
 * Inside <ReactFlow>: the view fitted again whenever the graph's box changes size (a column appearing
 * beside it as the page learns who it is for, a window resized), until the user has panned or zoomed
 * (`userMoved`). React Flow's own `fitView` fits once, to the box it first had.
 */
export function FitOnResize({ options, userMoved }: { options: FitViewOptions; userMoved: RefObject<boolean> }) {
  const { fitView } = useReactFlow();
  const size = useStore((s) => `${s.width}x${s.height}`);
  const ready = useNodesInitialized();
  const fittedAt = useRef<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    // The first size is the one React Flow's own fit used.
    if (fittedAt.current !== null && fittedAt.current !== size && !userMoved.current) void fitView(options);
    fittedAt.current = size;
  }, [ready, size, fitView, options, userMoved]);
  return null;
}
