import { pairAt, type HeatmapAxes } from "./heatmap-axes";

/**
 * A heatmap's squares flattened row by row, worked out once per layout so a frame only looks cells up:
 * for each square the row of the cell table it reads (`tcp:c1`, a protocol and a sender; "" on the
 * diagonal, where there is no probe) and the receiver, and whether it is faded (an end is not running now).
 */
export interface SquarePlan {
  rows: number;
  cols: number;
  rowKeys: string[];
  tos: string[];
  faded: Uint8Array;
  /** Per heatmap row, the one cell-table row all its squares read (null with a focus: they read many). */
  lineKeys: (string | null)[];
}

export function planSquares(axes: HeatmapAxes, inactive: ReadonlySet<string>): SquarePlan {
  const rows = axes.rows.names.length;
  const cols = axes.cols.names.length;
  const rowKeys: string[] = new Array(rows * cols).fill("");
  const tos: string[] = new Array(rows * cols).fill("");
  const faded = new Uint8Array(rows * cols);
  // One string per sender, shared by its squares: a 101-endpoint heatmap has 10,100 of them.
  const rowKeyOf = new Map<string, string>();
  const keyOf = (from: string) => rowKeyOf.get(from) ?? rowKeyOf.set(from, `${axes.protocol}:${from}`).get(from)!;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const pair = pairAt(axes, r, c);
      if (!pair) continue;
      const i = r * cols + c;
      rowKeys[i] = keyOf(pair.from);
      tos[i] = pair.to;
      faded[i] = inactive.has(pair.from) || inactive.has(pair.to) ? 1 : 0;
    }
  const lineKeys = axes.rows.names.map((name) => (axes.focus === null ? keyOf(name) : null));
  return { rows, cols, rowKeys, tos, faded, lineKeys };
}
