"use client";
import { useMemo } from "react";
import { cellKey, PROTOCOLS, type MatrixRun } from "@/lib/contracts/matrix";
import type { Topology } from "@/lib/contracts/topology";
import type { Cell } from "@/lib/dashboard/dashboard-state";
import { matrixNames } from "@/lib/dashboard/matrix-names";
import { MatrixGrid } from "../matrix/matrix-grid";

const NONE: ReadonlySet<string> = new Set();

export interface SnapshotMatrixProps {
  matrix: MatrixRun | null;
  topology: Topology;
  onHover: (pair: { from: string; to: string } | null) => void;
  /** Cell keys to outline (cells that flipped in a comparison). */
  marked?: ReadonlySet<string>;
  /** Names every endpoint of both compared snapshots, so the two grids line up. */
  names?: string[];
}

/** The saved run, one grid per protocol it tested. */
export function SnapshotMatrix({ matrix, topology, onHover, marked, names }: SnapshotMatrixProps) {
  const cells = useMemo(
    () => Object.fromEntries((matrix?.results ?? []).map((r): [string, Cell] => [cellKey(r.from, r.to, r.protocol), { result: r, pending: false }])),
    [matrix],
  );
  if (!matrix) return <p className="text-sm text-slate-600 dark:text-slate-400">No matrix run was saved.</p>;
  const rows = names ?? (matrix.endpoints.length ? matrix.endpoints : matrixNames(topology));
  return (
    <div className="flex flex-wrap gap-4">
      {PROTOCOLS.filter((p) => matrix.protocols.includes(p)).map((p) => (
        <MatrixGrid key={p} protocol={p} names={rows} cells={cells} inactive={NONE} onHover={onHover} marked={marked} />
      ))}
    </div>
  );
}
