import type { CellTable } from "@/lib/dashboard/cell-table";
import type { Cell } from "@/lib/dashboard/dashboard-state";
import type { Axis, HeatmapAxes } from "@/lib/matrix-view/heatmap-axes";
import { NAMES_FROM_PITCH, type AxisGeometry, type HeatmapGeometry } from "@/lib/matrix-view/heatmap-geometry";
import { isFailure, SHADE_COLORS, shadeOf, type Shade } from "@/lib/matrix-view/heatmap-shades";
import { fillPixels, rgbaWord, squarePixels } from "@/lib/matrix-view/square-pixels";
import type { SquarePlan } from "@/lib/matrix-view/square-plan";

/** What was painted where: the cell each square shows, so a frame repaints only the squares whose cell changed. */
export interface PaintedSquares {
  cells: (Cell | undefined)[];
  /** Per heatmap row that reads one cell-table row: that row as painted, and its counts (an unchanged row is skipped). */
  lines: { row: ReadonlyMap<string, Cell> | undefined; results: number; failures: number }[];
  /** Squares showing a result, and those showing a failure (for tests, benches and the caption). */
  results: number;
  failures: number;
  /** The squares' area in device pixels, written word by word and put on the canvas at once. */
  image: ImageData | null;
  ratio: number;
}

export function freshPaint(squares: number, ctx?: CanvasRenderingContext2D | null, geometry?: HeatmapGeometry): PaintedSquares {
  const ratio = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const width = geometry ? Math.max(1, Math.ceil(geometry.cols.extent * ratio)) : 1;
  const height = geometry ? Math.max(1, Math.ceil(geometry.rows.extent * ratio)) : 1;
  return { cells: new Array(squares), lines: [], results: 0, failures: 0, image: ctx && geometry ? ctx.createImageData(width, height) : null, ratio };
}

const FONT = "11px ui-sans-serif, system-ui, sans-serif";
const ink = (dark: boolean) => (dark ? "#cbd5e1" : "#334155");
const band = (dark: boolean) => (dark ? "#64748b" : "#94a3b8");

/** Sizes the backing store for the screen's pixel ratio and clears it; labels and group bands are drawn once per layout. */
export function paintFrame(canvas: HTMLCanvasElement, geometry: HeatmapGeometry, axes: HeatmapAxes, dark: boolean): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.ceil(geometry.width * ratio);
  canvas.height = Math.ceil(geometry.height * ratio);
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, geometry.width, geometry.height);
  ctx.font = FONT;
  paintRowLabels(ctx, geometry, axes.rows, dark);
  paintColumnLabels(ctx, geometry, axes.cols, dark);
  return ctx;
}

function extentOf(g: { start: number; count: number }, geo: AxisGeometry, pitch: number): { from: number; size: number } {
  const from = geo.offsets[g.start];
  return { from, size: geo.offsets[g.start + g.count - 1] + pitch - from };
}

function paintRowLabels(ctx: CanvasRenderingContext2D, geometry: HeatmapGeometry, rows: Axis, dark: boolean): void {
  const { top, left, rowPitch } = geometry;
  const named = rowPitch >= NAMES_FROM_PITCH;
  let freeFrom = -Infinity;
  for (const g of rows.groups) {
    const { from, size } = extentOf(g, geometry.rows, rowPitch);
    ctx.fillStyle = band(dark);
    if (g.label) ctx.fillRect(left - 4, top + from, 2, size);
    // A band's label where there is room for it; a thin band only shows its bar (hover names its rows).
    if (!named && g.label && top + from >= freeFrom) {
      ctx.fillStyle = ink(dark);
      ctx.textBaseline = "top";
      ctx.textAlign = "left";
      ctx.fillText(`${g.label} (${g.count})`, 2, top + from, left - 10);
      freeFrom = top + from + 13;
    }
  }
  if (!named) return;
  ctx.fillStyle = ink(dark);
  ctx.textBaseline = "middle";
  ctx.textAlign = "right";
  rows.labels.forEach((label, i) => ctx.fillText(label, left - 8, top + geometry.rows.offsets[i] + rowPitch / 2, left - 12));
}

function paintColumnLabels(ctx: CanvasRenderingContext2D, geometry: HeatmapGeometry, cols: Axis, dark: boolean): void {
  const { top, left, colPitch } = geometry;
  const named = colPitch >= NAMES_FROM_PITCH;
  for (const g of cols.groups) {
    const { from, size } = extentOf(g, geometry.cols, colPitch);
    ctx.fillStyle = band(dark);
    if (g.label) ctx.fillRect(left + from, top - 4, size, 2);
    if (named || !g.label) continue;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left + from, 0, size, top - 4);
    ctx.clip();
    ctx.fillStyle = ink(dark);
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.fillText(`${g.label} (${g.count})`, left + from, 2);
    ctx.restore();
  }
  if (!named) return;
  ctx.fillStyle = ink(dark);
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  cols.labels.forEach((label, i) => {
    ctx.save();
    ctx.translate(left + geometry.cols.offsets[i] + colPitch / 2, top - 8);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(label, 0, 0, top - 12);
    ctx.restore();
  });
}

/** By theme and opacity (an opacity is at most 1, so a dark one's key is above 2), then by shade. */
const WORDS = new Map<number, Map<Shade, number>>();
/** The pixel word of a shade, theme and opacity, worked out once (no key string per square: 30,300 of them a frame). */
function wordOf(shade: Shade, theme: "dark" | "light", alpha: number): number {
  const key = theme === "dark" ? alpha + 2 : alpha;
  let byShade = WORDS.get(key);
  if (!byShade) WORDS.set(key, (byShade = new Map()));
  let word = byShade.get(shade);
  if (word === undefined) byShade.set(shade, (word = rgbaWord(SHADE_COLORS[shade][theme], alpha)));
  return word;
}

/**
 * Paints the squares whose cell is not the one painted there last (all of them after paintFrame):
 * while results stream in, a heatmap row whose cell-table row is the same object as last time is
 * skipped whole, and in the others a square costs a lookup, and pixel writes only when its cell changed.
 */
export function paintSquares(
  ctx: CanvasRenderingContext2D,
  geometry: HeatmapGeometry,
  plan: SquarePlan,
  cells: CellTable,
  painted: PaintedSquares,
  look: { dark: boolean; muted: boolean },
): void {
  const { rowPitch, colPitch, left, top } = geometry;
  const image = painted.image;
  if (!image) return;
  const pixels = new Uint32Array(image.data.buffer);
  const ratio = painted.ratio;
  const w = colPitch >= 6 ? colPitch - 1 : colPitch;
  const h = rowPitch >= 6 ? rowPitch - 1 : rowPitch;
  const theme = look.dark ? "dark" : "light";
  let results = 0;
  let failures = 0;
  let changed = false;
  for (let r = 0; r < plan.rows; r++) {
    const lineKey = plan.lineKeys[r];
    const line = lineKey === null ? undefined : cells.row(lineKey);
    const before = painted.lines[r];
    if (lineKey !== null && before && before.row === line) {
      results += before.results;
      failures += before.failures;
      continue;
    }
    const y = geometry.rows.offsets[r];
    let lineResults = 0;
    let lineFailures = 0;
    for (let c = 0; c < plan.cols; c++) {
      const i = r * plan.cols + c;
      if (plan.rowKeys[i] === "") continue;
      const cell = lineKey === null ? cells.row(plan.rowKeys[i])?.get(plan.tos[i]) : line?.get(plan.tos[i]);
      const shade = shadeOf(cell);
      const failed = isFailure(shade);
      if (cell?.result) lineResults++;
      if (failed) lineFailures++;
      if (i in painted.cells && painted.cells[i] === cell) continue;
      painted.cells[i] = cell;
      changed = true;
      // Faded: an end is not running. Muted (only failures): whatever did not fail steps back.
      const alpha = (plan.faded[i] ? 0.3 : 1) * (look.muted && !failed ? 0.2 : 1);
      const [x0, y0, x1, y1] = squarePixels(geometry.cols.offsets[c], y, w, h, ratio);
      fillPixels(pixels, image.width, x0, y0, x1, y1, wordOf(shade, theme, alpha));
    }
    if (lineKey !== null) painted.lines[r] = { row: line, results: lineResults, failures: lineFailures };
    results += lineResults;
    failures += lineFailures;
  }
  if (changed) ctx.putImageData(image, Math.round(left * ratio), Math.round(top * ratio));
  painted.results = results;
  painted.failures = failures;
}
