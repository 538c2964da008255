"use client";

export type MatrixView = "grid" | "heatmap";

/** Above this many endpoints the matrix starts as a heatmap: a grid of 13 × 13 cells per protocol no longer fits a screen. */
export const HEATMAP_ABOVE = 12;

/** The view the person chose, or the one that fits this many endpoints. */
export function viewFor(endpoints: number, chosen: MatrixView | null): MatrixView {
  return chosen ?? (endpoints > HEATMAP_ABOVE ? "heatmap" : "grid");
}

/** Grid (a cell per probe with its RTT or cause) or heatmap (a coloured square per probe, details on hover). */
export function MatrixViewSwitch({ view, endpoints, onChange }: { view: MatrixView; endpoints: number; onChange: (v: MatrixView) => void }) {
  return (
    <div role="group" aria-label="Matrix view" className="ml-auto flex overflow-hidden rounded-md border border-slate-300 text-sm dark:border-slate-600" title={`Heatmap by itself above ${HEATMAP_ABOVE} endpoints (this lab: ${endpoints})`}>
      {(["grid", "heatmap"] as const).map((v) => (
        <button
          key={v}
          type="button"
          aria-pressed={view === v}
          data-testid={`matrix-view-${v}`}
          onClick={() => onChange(v)}
          className={`px-2 py-0.5 focus-visible:outline-2 focus-visible:outline-sky-500 ${view === v ? "bg-sky-600 font-semibold text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
        >
          {v}
        </button>
      ))}
    </div>
  );
}
