import { cellKey } from "../contracts/matrix";
import { pairAt, type HeatmapAxes } from "./heatmap-axes";

/**
 * A heatmap's squares flattened row by row, worked out once per layout so a frame only looks cells up:
 * each square's cell key (null on the diagonal) and whether it is faded (an end is not running now).
 */
export interface SquarePlan {
  rows: number;
  cols: number;
  keys: (string | null)[];
  faded: Uint8Array;
}

export function planSquares(axes: HeatmapAxes, inactive: ReadonlySet<string>): SquarePlan {
  const rows = axes.rows.names.length;
  const cols = axes.cols.names.length;
  const keys: (string | null)[] = new Array(rows * cols);
  const faded = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const pair = pairAt(axes, r, c);
      const i = r * cols + c;
      keys[i] = pair ? cellKey(pair.from, pair.to, axes.protocol) : null;
      faded[i] = pair && (inactive.has(pair.from) || inactive.has(pair.to)) ? 1 : 0;
    }
  return { rows, cols, keys, faded };
}
