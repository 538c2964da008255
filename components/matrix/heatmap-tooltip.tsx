"use client";
import type { SquareDetails } from "@/lib/matrix-view/square-details";

/** A square's details beside the pointer (or the keyboard cursor), kept inside the window. */
export function HeatmapTooltip({ details, anchor, canExplain }: { details: SquareDetails; anchor: { x: number; y: number }; canExplain: boolean }) {
  const width = 300;
  const left = Math.max(4, Math.min(anchor.x + 14, window.innerWidth - width - 8));
  const below = anchor.y + 14;
  const style = below + 180 > window.innerHeight ? { left, bottom: window.innerHeight - anchor.y + 10, width } : { left, top: below, width };
  return (
    <div
      role="tooltip"
      data-testid="heatmap-tooltip"
      style={style}
      className="pointer-events-none fixed z-50 rounded-md border border-slate-300 bg-white p-2 text-xs shadow-lg dark:border-slate-600 dark:bg-slate-900"
    >
      <div className="mb-1 font-mono text-sm font-bold">{details.title}</div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5">
        {details.facts.map((f) => (
          <div key={f.label} className="contents" data-fact={f.label}>
            <dt className="text-slate-500 dark:text-slate-400">{f.label}</dt>
            <dd className="break-words font-mono">{f.value}</dd>
          </div>
        ))}
      </dl>
      {details.explainable && canExplain && <div className="mt-1 font-semibold text-sky-700 dark:text-sky-300">Click (or Enter): why did it fail?</div>}
    </div>
  );
}
