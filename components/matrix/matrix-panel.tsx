"use client";
import { useState } from "react";
import { PROTOCOLS, type Protocol } from "@/lib/contracts/matrix";
import type { CellTable } from "@/lib/dashboard/cell-table";
import { MatrixGrid } from "./matrix-grid";
import { MatrixHeatmap } from "./matrix-heatmap";
import { MatrixViewSwitch, viewFor, type MatrixView } from "./matrix-view-switch";

export interface MatrixPanelProps {
  names: string[];
  cells: CellTable;
  inactive: ReadonlySet<string>;
  progress: { done: number; total: number };
  rerunOnChange: boolean;
  /** Why this page may not run the tests (null: it may). */
  runRefused: string | null;
  onRun: () => void;
  onRerunChange: (on: boolean) => void;
  onHover: (pair: { from: string; to: string } | null) => void;
  /** Asks why a red cell failed; absent where the page may not ask. */
  onExplain?: (cell: { from: string; to: string; protocol: Protocol }) => void;
  /** The cell the presenter points at (cellKey), outlined; clicking a cell selects it where `onSelectCell` is given. */
  selectedCell?: string | null;
  onSelectCell?: (key: string) => void;
  /** Each endpoint's TX checksum offload, for the heatmap's grouping. */
  txOffload?: ReadonlyMap<string, boolean | null>;
}

/** The test matrix: run button, re-run switch, progress, and per protocol a grid (a few endpoints) or a heatmap (many). */
export function MatrixPanel({ names, cells, inactive, progress, rerunOnChange, runRefused, onRun, onRerunChange, onHover, onExplain, selectedCell, onSelectCell, txOffload }: MatrixPanelProps) {
  const running = progress.total > 0;
  const [chosen, setChosen] = useState<MatrixView | null>(null);
  const view = viewFor(names.length, chosen);
  return (
    <section aria-labelledby="matrix-title" className="rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="matrix-title" className="text-lg font-bold">Test matrix</h2>
        <button
          type="button"
          onClick={onRun}
          disabled={runRefused !== null}
          title={runRefused ?? undefined}
          className="rounded-md bg-sky-600 px-3 py-1 font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50"
        >
          Run tests
        </button>
        <label className="flex items-center gap-2 text-sm">
          <button
            type="button"
            role="switch"
            aria-checked={rerunOnChange}
            aria-label="Re-run tests when the lab changes"
            onClick={() => onRerunChange(!rerunOnChange)}
            disabled={runRefused !== null}
            title={runRefused ?? undefined}
            className={`relative h-6 w-11 rounded-full transition focus-visible:outline-2 focus-visible:outline-sky-500 ${rerunOnChange ? "bg-sky-600" : "bg-slate-400"}`}
          >
            <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white transition ${rerunOnChange ? "left-5" : "left-0.5"}`} />
          </button>
          re-run on change
        </label>
        {runRefused !== null && <span data-testid="viewer-reason" className="text-sm text-amber-700 dark:text-amber-300">{runRefused}</span>}
        <div className="flex items-center gap-2 text-sm" role="status" aria-live="polite" data-testid="matrix-progress">
          <progress max={Math.max(progress.total, 1)} value={running ? progress.done : 0} className="h-2 w-32" aria-label="Probes done" />
          {running ? `${progress.done.toLocaleString("en")} / ${progress.total.toLocaleString("en")} probes` : "idle"}
        </div>
        <MatrixViewSwitch view={view} endpoints={names.length} onChange={setChosen} />
      </div>
      {view === "heatmap" ? (
        <MatrixHeatmap names={names} cells={cells} inactive={inactive} txOffload={txOffload} onHover={onHover} onExplain={onExplain} />
      ) : (
        <div className="flex flex-wrap gap-4 overflow-x-auto">
          {PROTOCOLS.map((p) => (
            <MatrixGrid key={p} protocol={p} names={names} cells={cells} inactive={inactive} onHover={onHover} onExplain={onExplain} selected={selectedCell} onSelect={onSelectCell} />
          ))}
        </div>
      )}
    </section>
  );
}
