"use client";
import type { CellSummary } from "@/lib/matrix-view/cell-summary";
import { LEGEND, SHADE_COLORS } from "@/lib/matrix-view/heatmap-shades";

/** What each colour means, with how many squares show it now (over all three protocols). */
export function HeatmapLegend({ summary, dark }: { summary: CellSummary; dark: boolean }) {
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label="Heatmap colours" data-testid="heatmap-legend">
      {LEGEND.map(({ shade, label }) => (
        <li key={shade} className="flex items-center gap-1" data-shade={shade} data-count={summary.shades[shade]}>
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm border border-slate-400/40" style={{ background: SHADE_COLORS[shade][dark ? "dark" : "light"] }} />
          {label} <span className="tabular-nums text-slate-500 dark:text-slate-400">{summary.shades[shade].toLocaleString("en")}</span>
        </li>
      ))}
    </ul>
  );
}
