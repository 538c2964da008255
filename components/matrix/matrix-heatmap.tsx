"use client";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { PROTOCOLS, cellKey, type Protocol } from "@/lib/contracts/matrix";
import type { CellTable } from "@/lib/dashboard/cell-table";
import { summarizeCells } from "@/lib/matrix-view/cell-summary";
import { GROUP_MODES, groupKeys, type GroupMode } from "@/lib/matrix-view/endpoint-groups";
import { pairAt, type HeatmapFilter } from "@/lib/matrix-view/heatmap-axes";
import { squareDetails } from "@/lib/matrix-view/square-details";
import { HeatmapCanvas, type Square } from "./heatmap-canvas";
import { HeatmapFilters } from "./heatmap-filters";
import { HeatmapLegend } from "./heatmap-legend";
import { HeatmapTooltip } from "./heatmap-tooltip";
import { useDarkTheme } from "./use-dark-theme";
import { useHeatmapLayouts } from "./use-heatmap-layouts";

export interface MatrixHeatmapProps {
  names: string[];
  cells: CellTable;
  inactive: ReadonlySet<string>;
  /** Each endpoint's TX checksum offload, for grouping by it; grouping starts there when it is known. */
  txOffload?: ReadonlyMap<string, boolean | null>;
  onHover: (pair: { from: string; to: string } | null) => void;
  onExplain?: (cell: { from: string; to: string; protocol: Protocol }) => void;
}

interface Pointed extends Square {
  protocol: Protocol;
  anchor: { x: number; y: number };
  via: "pointer" | "keys";
}

const NO_TX: ReadonlyMap<string, boolean | null> = new Map();

/** The matrix for many endpoints: a square per probe and protocol, filters, grouping, and details on hover. */
export function MatrixHeatmap({ names, cells, inactive, txOffload, onHover, onExplain }: MatrixHeatmapProps) {
  const dark = useDarkTheme();
  const [filter, setFilter] = useState<HeatmapFilter>({ failuresOnly: false, focus: null });
  const [group, setGroup] = useState<GroupMode>(txOffload ? GROUP_MODES.tx : GROUP_MODES.none);
  const [pointed, setPointed] = useState<Pointed | null>(null);
  const [measure, width] = useWidth();
  const tx = txOffload ?? NO_TX;

  const summary = useMemo(() => summarizeCells(cells, names), [cells, names]);
  const byOutcome = group === GROUP_MODES.outcome ? summary : null;
  const keys = useMemo(() => groupKeys(group, names, { tx, summary: byOutcome }), [group, names, tx, byOutcome]);
  const layouts = useHeatmapLayouts({ names, summary, filter, keys, inactive, width });

  const pairOf = useCallback((protocol: Protocol, sq: Square) => pairAt(layouts.byProtocol[protocol].axes, sq.row, sq.col), [layouts]);
  const onPoint = useCallback(
    (protocol: Protocol, sq: Square | null, anchor: { x: number; y: number } | null, via: "pointer" | "keys") => {
      const pair = sq ? pairOf(protocol, sq) : null;
      setPointed(sq && anchor ? { protocol, ...sq, anchor, via } : null);
      onHover(pair);
    },
    [pairOf, onHover],
  );
  const onActivate = useCallback(
    (protocol: Protocol, sq: Square) => {
      const pair = pairOf(protocol, sq);
      if (pair && onExplain && squareDetails(protocol, pair.from, pair.to, cells.get(cellKey(pair.from, pair.to, protocol))).explainable) onExplain({ ...pair, protocol });
    },
    [pairOf, onExplain, cells],
  );
  const pointedPair = pointed ? pairOf(pointed.protocol, pointed) : null;
  const details = pointed && pointedPair ? squareDetails(pointed.protocol, pointedPair.from, pointedPair.to, cells.get(cellKey(pointedPair.from, pointedPair.to, pointed.protocol))) : null;

  return (
    <div className="flex flex-col gap-2" data-testid="matrix-heatmap">
      <HeatmapFilters
        names={names}
        failuresOnly={filter.failuresOnly}
        focus={filter.focus}
        group={group}
        onFailuresOnly={(failuresOnly) => setFilter((f) => ({ ...f, failuresOnly }))}
        onFocus={(focus) => setFilter((f) => ({ ...f, focus }))}
        onGroup={setGroup}
      />
      <HeatmapLegend summary={summary} dark={dark} />
      <div ref={measure} className={`grid gap-4 ${layouts.perLine === 3 ? "grid-cols-3" : "grid-cols-1"}`}>
        {PROTOCOLS.map((p) => {
          const layout = layouts.byProtocol[p];
          const empty = layout.plan.rows === 0 || layout.plan.cols === 0;
          return (
            <figure key={p} className="min-w-0">
              <figcaption className="pb-1 text-sm">
                <span className="font-bold">{p.toUpperCase()}</span>
                <span className="ml-2 text-xs text-slate-500 dark:text-slate-400" data-testid={`heatmap-caption-${p}`}>
                  {layout.plan.rows} × {layout.plan.cols} · {summary.failures[p].toLocaleString("en")} failed
                </span>
              </figcaption>
              {empty ? (
                <p className="text-sm text-slate-500" data-testid={`heatmap-empty-${p}`}>{filter.failuresOnly ? "No failures." : "No endpoints."}</p>
              ) : (
                <HeatmapCanvas protocol={p} layout={layout} cells={cells} dark={dark} muted={filter.failuresOnly} cursor={pointed?.protocol === p ? pointed : null} onPoint={onPoint} onActivate={onActivate} />
              )}
            </figure>
          );
        })}
      </div>
      {details && pointed && <HeatmapTooltip details={details} anchor={pointed.anchor} canExplain={onExplain !== undefined} />}
      <p className="sr-only" aria-live="polite">
        {details && pointed?.via === "keys" ? `${details.title}: ${details.facts.map((f) => `${f.label} ${f.value}`).join(", ")}` : ""}
      </p>
    </div>
  );
}

/** The width of an element (a callback ref to put on it, and its width), followed as the window resizes. */
function useWidth(): [(el: HTMLDivElement | null) => void, number] {
  const [value, setValue] = useState(1200);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!el) return;
    observer.current = new ResizeObserver(([entry]) => setValue(Math.floor(entry.contentRect.width)));
    observer.current.observe(el);
  }, []);
  return [ref, value];
}
