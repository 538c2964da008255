"use client";
import { useMemo, useState } from "react";
import { PROTOCOLS, type Protocol } from "@/lib/contracts/matrix";
import type { CellSummary } from "@/lib/matrix-view/cell-summary";
import type { GroupKey } from "@/lib/matrix-view/endpoint-groups";
import { heatmapAxes, type HeatmapAxes, type HeatmapFilter } from "@/lib/matrix-view/heatmap-axes";
import { chooseLayout, heatmapGeometry, type HeatmapGeometry } from "@/lib/matrix-view/heatmap-geometry";
import { planSquares, type SquarePlan } from "@/lib/matrix-view/square-plan";

/** One protocol's heatmap as drawn: its rows and columns, where they go on the canvas, and its squares. */
export interface HeatmapLayout {
  axes: HeatmapAxes;
  geometry: HeatmapGeometry;
  plan: SquarePlan;
}

export interface HeatmapLayouts {
  perLine: number;
  byProtocol: Record<Protocol, HeatmapLayout>;
}

const signature = (a: HeatmapAxes, pitch: number, inactive: ReadonlySet<string>) =>
  [pitch, a.focus, a.rows.labels.join(","), a.cols.labels.join(","), [...a.rows.groups, ...a.cols.groups].map((g) => `${g.label}:${g.count}`).join(","), [...inactive].join(",")].join("|");

type Kept = { sig: string; layout: HeatmapLayout };

/**
 * The three heatmaps' layouts for the panel's width. Rows and columns depend on results (a filter to
 * failures, grouping by outcome), so they are worked out again as results arrive; a layout whose rows and
 * columns did not change is kept as it was, so its canvas only paints the squares that changed.
 */
export function useHeatmapLayouts(input: {
  names: readonly string[];
  summary: CellSummary;
  filter: HeatmapFilter;
  keys: ReadonlyMap<string, GroupKey>;
  inactive: ReadonlySet<string>;
  width: number;
}): HeatmapLayouts {
  const { names, summary, filter, keys, inactive, width } = input;
  const axes = useMemo(() => PROTOCOLS.map((p) => heatmapAxes(p, names, summary, filter, keys)), [names, summary, filter, keys]);
  const widest = axes.reduce((a, b) => (b.cols.names.length > a.cols.names.length ? b : a));
  const { perLine, pitch } = chooseLayout(width, Math.max(widest.cols.names.length, 1), widest.cols.groups.length);
  const sigs = axes.map((a) => signature(a, pitch, inactive));
  // Derived state (React's "storing information from previous renders"): rebuilt only where what is drawn changed.
  const [kept, setKept] = useState<Kept[] | null>(null);
  let current = kept;
  if (!current || current.some((k, i) => k.sig !== sigs[i])) {
    current = axes.map((a, i) => (kept?.[i]?.sig === sigs[i] ? kept[i] : { sig: sigs[i], layout: { axes: a, geometry: heatmapGeometry(a, pitch), plan: planSquares(a, inactive) } }));
    setKept(current);
  }
  const byProtocol = Object.fromEntries(PROTOCOLS.map((p, i) => [p, current[i].layout])) as Record<Protocol, HeatmapLayout>;
  return { perLine, byProtocol };
}
