"use client";
import type { NodeProps } from "@xyflow/react";
import type { CaptionNode as CaptionNodeType } from "@/lib/topology/flow-types";

/** A line of text on the canvas: what a multi-host lab is in OVN. */
export function CaptionNode({ data, width }: NodeProps<CaptionNodeType>) {
  return (
    <div data-testid="graph-caption" style={{ width }} className="text-center text-base font-semibold text-teal-800 dark:text-teal-200">
      {data.text}
    </div>
  );
}
