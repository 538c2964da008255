import type { XYPosition } from "@xyflow/react";
import type { LabNode } from "./flow-types";

/** A fresh layout with the positions the user dragged cards to kept, for the cards that still exist. */
export function keepPositions(nodes: LabNode[], moved: ReadonlyMap<string, XYPosition>): LabNode[] {
  return nodes.map((n) => {
    const position = moved.get(n.id);
    return position ? ({ ...n, position } as LabNode) : n;
  });
}
