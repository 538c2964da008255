import type { Axis, HeatmapAxes } from "./heatmap-axes";

/** Pixels between two groups' bands, so a band's edge shows without a label. */
export const GROUP_GAP = 4;
/** Squares are never smaller or larger than this. */
export const PITCH = { min: 3, max: 18 } as const;
/** Names are written beside each row and over each column from this pitch on; below it only group labels. */
export const NAMES_FROM_PITCH = 12;

/** Where each row (or column) starts, from the edge of the squares, and how far they reach. */
export interface AxisGeometry {
  offsets: number[];
  extent: number;
}

/** The canvas of one heatmap: label margins, then the squares. */
export interface HeatmapGeometry {
  /** Squares are `colPitch` wide and `rowPitch` tall: a few rows (a filter, a focus) grow tall enough to name. */
  rowPitch: number;
  colPitch: number;
  /** Space left of the squares (row labels) and above them (column labels). */
  left: number;
  top: number;
  rows: AxisGeometry;
  cols: AxisGeometry;
  width: number;
  height: number;
}

export function axisGeometry(axis: Axis, pitch: number): AxisGeometry {
  const offsets: number[] = new Array(axis.names.length);
  axis.groups.forEach((g, gi) => {
    for (let i = g.start; i < g.start + g.count; i++) offsets[i] = i * pitch + gi * GROUP_GAP;
  });
  const extent = axis.names.length * pitch + Math.max(0, axis.groups.length - 1) * GROUP_GAP;
  return { offsets, extent };
}

/** The row (column) under a pixel measured from the edge of the squares; null in a gap or outside. */
export function indexAt(geometry: AxisGeometry, position: number, pitch: number): number | null {
  const { offsets } = geometry;
  let lo = 0;
  let hi = offsets.length - 1;
  if (hi < 0 || position < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= position) lo = mid;
    else hi = mid - 1;
  }
  return position >= offsets[lo] && position < offsets[lo] + pitch ? lo : null;
}

/** Row names need 92 px beside the squares (8 letters and an arrow); column names 64 px above them. */
export function labelMargins(rowPitch: number, colPitch = rowPitch): { left: number; top: number } {
  return { left: rowPitch >= NAMES_FROM_PITCH ? 92 : 84, top: colPitch >= NAMES_FROM_PITCH ? 64 : 18 };
}

/**
 * The pitch that fits `perLine` heatmaps side by side in `width` pixels, given the widest heatmap's column
 * count and group count; null when even the smallest squares do not fit that many side by side.
 */
export function pitchFor(width: number, perLine: number, columns: number, groups: number, spacing = 16): number | null {
  const each = (width - (perLine - 1) * spacing) / perLine;
  // The widest row labels count: a filter may leave few enough rows to be named.
  const fit = (pitch: number) => labelMargins(NAMES_FROM_PITCH).left + columns * pitch + Math.max(0, groups - 1) * GROUP_GAP <= each;
  for (let pitch = PITCH.max; pitch >= PITCH.min; pitch--) if (fit(pitch)) return pitch;
  return null;
}

/** The three protocols side by side whenever their squares fit at all (101 endpoints on a laptop: 3 px); otherwise one per line. */
export function chooseLayout(width: number, columns: number, groups: number): { perLine: number; pitch: number } {
  const three = pitchFor(width, 3, columns, groups);
  if (three !== null) return { perLine: 3, pitch: three };
  return { perLine: 1, pitch: pitchFor(width, 1, columns, groups) ?? PITCH.min };
}

/** Up to this many rows are drawn at least NAMES_FROM_PITCH tall, so each is named. */
export const FEW_ROWS = 12;

export function heatmapGeometry(axes: HeatmapAxes, pitch: number): HeatmapGeometry {
  const rowPitch = axes.rows.names.length <= FEW_ROWS ? Math.max(pitch, NAMES_FROM_PITCH) : pitch;
  const colPitch = pitch;
  const { left, top } = labelMargins(rowPitch, colPitch);
  const rows = axisGeometry(axes.rows, rowPitch);
  const cols = axisGeometry(axes.cols, colPitch);
  return { rowPitch, colPitch, left, top, rows, cols, width: left + Math.max(cols.extent, 1), height: top + Math.max(rows.extent, 1) };
}

/** The square under a point of the canvas (CSS pixels from its top left corner), or null. */
export function squareAt(geometry: HeatmapGeometry, x: number, y: number): { row: number; col: number } | null {
  const row = indexAt(geometry.rows, y - geometry.top, geometry.rowPitch);
  const col = indexAt(geometry.cols, x - geometry.left, geometry.colPitch);
  return row === null || col === null ? null : { row, col };
}
