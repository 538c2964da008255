"use client";
import type { ExperimentStart } from "./use-experiment";
import { VIEWER_REASON } from "@/lib/contracts/access";

const FIELD = "w-28 rounded border border-slate-300 bg-white px-1.5 py-0.5 font-mono text-sm dark:border-slate-600 dark:bg-slate-900";
const BUTTON = "rounded-md border border-slate-400 px-2 py-1 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-500 dark:hover:bg-slate-800";

export interface ExperimentControlsProps {
  settings: Omit<ExperimentStart, "only">;
  selectedCount: number;
  running: boolean;
  connected: boolean;
  operator: boolean;
  progress: { finished: number; total: number };
  onSettings: (s: Omit<ExperimentStart, "only">) => void;
  onSelectAll: (on: boolean) => void;
  onStart: () => void;
  onCancel: () => void;
}

/** Which variants, where their labs live (id prefix, first /24), start and cancel. */
export function ExperimentControls(p: ExperimentControlsProps) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex gap-2">
        <button type="button" className={BUTTON} disabled={p.running} onClick={() => p.onSelectAll(true)}>All</button>
        <button type="button" className={BUTTON} disabled={p.running} onClick={() => p.onSelectAll(false)}>None</button>
      </div>
      <label className="flex flex-col text-xs">
        lab id prefix
        <input className={FIELD} value={p.settings.labIdPrefix} disabled={p.running} onChange={(e) => p.onSettings({ ...p.settings, labIdPrefix: e.target.value })} />
      </label>
      <label className="flex flex-col text-xs">
        first subnet (/24)
        <input className={FIELD} value={p.settings.firstSubnet} disabled={p.running} onChange={(e) => p.onSettings({ ...p.settings, firstSubnet: e.target.value })} />
      </label>
      <button
        type="button"
        onClick={p.onStart}
        disabled={p.running || !p.connected || p.selectedCount === 0 || !p.operator}
        title={p.operator ? undefined : VIEWER_REASON}
        className="rounded-md bg-sky-600 px-3 py-1 font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50"
      >
        Start ({p.selectedCount} variant{p.selectedCount === 1 ? "" : "s"})
      </button>
      {p.running && p.operator && <button type="button" className={BUTTON} onClick={p.onCancel}>Cancel</button>}
      {!p.operator && <span data-testid="viewer-reason" className="text-sm text-amber-700 dark:text-amber-300">{VIEWER_REASON}</span>}
      <span role="status" aria-live="polite" data-testid="experiment-progress" className="text-sm text-slate-600 dark:text-slate-300">
        {p.progress.total === 0 ? "not started" : `${p.progress.finished} of ${p.progress.total} variants finished${p.running ? "…" : ""}`}
      </span>
    </div>
  );
}
