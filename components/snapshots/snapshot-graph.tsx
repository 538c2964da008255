"use client";
import type { Topology } from "@/lib/contracts/topology";
import type { GraphLayout } from "@/lib/snapshots/snapshot-format";
import { TopologyGraph } from "../graph/topology-graph";
import type { GraphActions } from "../graph/graph-actions";

const READ_ONLY: GraphActions = { toggleTx: () => undefined, select: () => undefined, selectedId: null, txRefused: "a snapshot: nothing in it can be changed" };

export interface SnapshotGraphProps {
  topology: Topology;
  layout: GraphLayout;
  highlight: { from: string; to: string } | null;
  dark: boolean;
  marked?: ReadonlySet<string>;
}

/** A saved topology, drawn where its cards were when it was saved; nothing can be toggled. */
export function SnapshotGraph({ topology, layout, highlight, dark, marked }: SnapshotGraphProps) {
  return <TopologyGraph topology={topology} actions={READ_ONLY} highlight={highlight} scale={1} colorMode={dark ? "dark" : "light"} initialPositions={layout} marked={marked} />;
}
