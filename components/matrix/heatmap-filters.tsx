"use client";
import { GROUP_MODE_WORDS, GROUP_MODES, type GroupMode } from "@/lib/matrix-view/endpoint-groups";

export interface HeatmapFiltersProps {
  names: readonly string[];
  failuresOnly: boolean;
  focus: string | null;
  group: GroupMode;
  onFailuresOnly: (on: boolean) => void;
  onFocus: (name: string | null) => void;
  onGroup: (mode: GroupMode) => void;
}

const control = "rounded-md border px-2 py-0.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500";
const idle = "border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900";

/** Only failures, one endpoint's row and column, and how rows and columns are grouped (with why). */
export function HeatmapFilters({ names, failuresOnly, focus, group, onFailuresOnly, onFocus, onGroup }: HeatmapFiltersProps) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <button
          type="button"
          aria-pressed={failuresOnly}
          data-testid="heatmap-failures-only"
          onClick={() => onFailuresOnly(!failuresOnly)}
          className={`${control} font-semibold ${failuresOnly ? "border-red-500 bg-red-600 text-white dark:bg-red-700" : idle}`}
          title="Hide the rows that sent no failed probe and the columns that received none; what passed is drawn faint"
        >
          Only failures
        </button>
        <label className="flex items-center gap-1">
          Endpoint
          <select className={`${control} ${idle}`} data-testid="heatmap-focus" value={focus ?? ""} onChange={(e) => onFocus(e.target.value || null)} aria-label="Show one endpoint's row and column">
            <option value="">all</option>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          Group by
          <select className={`${control} ${idle}`} data-testid="heatmap-group" value={group} onChange={(e) => onGroup(e.target.value as GroupMode)}>
            {Object.values(GROUP_MODES).map((m) => (
              <option key={m} value={m}>
                {GROUP_MODE_WORDS[m].label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="heatmap-group-explain">
        {GROUP_MODE_WORDS[group].explain}
        {focus && ` Showing ${focus}: the first row is what it sent, the second what it received.`}
      </p>
    </div>
  );
}
