import type { Protocol } from "../contracts/matrix";
import type { CellSummary } from "./cell-summary";
import type { GroupKey } from "./endpoint-groups";

/** What the heatmap shows: only rows and columns with a failure, one endpoint's row and column, or all. */
export interface HeatmapFilter {
  failuresOnly: boolean;
  /** An endpoint's name: its row (it sends) and its column (it receives), drawn as two rows. */
  focus: string | null;
}

/** A run of neighbouring rows (or columns) with the same group label. */
export interface AxisGroup {
  label: string;
  start: number;
  count: number;
}

export interface Axis {
  /** The endpoint each row (column) stands for, in drawn order. */
  names: string[];
  /** What to call each row (column): the name, or for a focused endpoint "c7 →" and "→ c7". */
  labels: string[];
  groups: AxisGroup[];
}

export interface HeatmapAxes {
  protocol: Protocol;
  rows: Axis;
  cols: Axis;
  /** With a focus, row 0 is what it sent and row 1 what it received; columns are the others. */
  focus: string | null;
}

/** Stable: names keep their order within a group; groups come by rank. */
function grouped(names: readonly string[], keys: ReadonlyMap<string, GroupKey>): Axis {
  const ordered = names.map((name, i) => ({ name, i, key: keys.get(name) ?? { label: "", rank: 0 } })).sort((a, b) => a.key.rank - b.key.rank || a.i - b.i);
  const groups: AxisGroup[] = [];
  ordered.forEach(({ key }, i) => {
    const last = groups.at(-1);
    if (last && last.label === key.label) last.count++;
    else groups.push({ label: key.label, start: i, count: 1 });
  });
  const sorted = ordered.map((o) => o.name);
  return { names: sorted, labels: sorted, groups };
}

/** Rows and columns of one protocol's heatmap under a filter, banded by `keys`. */
export function heatmapAxes(protocol: Protocol, names: readonly string[], summary: CellSummary, filter: HeatmapFilter, keys: ReadonlyMap<string, GroupKey>): HeatmapAxes {
  const focus = filter.focus !== null && names.includes(filter.focus) ? filter.focus : null;
  if (focus !== null) {
    const failing = (n: string) => summary.failingFrom[protocol].has(n) || summary.failingTo[protocol].has(n);
    const others = names.filter((n) => n !== focus && (!filter.failuresOnly || failing(n)));
    return {
      protocol,
      focus,
      rows: { names: [focus, focus], labels: [`${focus} →`, `→ ${focus}`], groups: [{ label: "", start: 0, count: 2 }] },
      cols: grouped(others, keys),
    };
  }
  const rows = filter.failuresOnly ? names.filter((n) => summary.failingFrom[protocol].has(n)) : names;
  const cols = filter.failuresOnly ? names.filter((n) => summary.failingTo[protocol].has(n)) : names;
  return { protocol, focus: null, rows: grouped(rows, keys), cols: grouped(cols, keys) };
}

/** The probe a square stands for; null on the diagonal (an endpoint does not probe itself). */
export function pairAt(axes: HeatmapAxes, row: number, col: number): { from: string; to: string } | null {
  const r = axes.rows.names[row];
  const c = axes.cols.names[col];
  if (r === undefined || c === undefined) return null;
  if (axes.focus !== null) return row === 0 ? { from: axes.focus, to: c } : { from: c, to: axes.focus };
  return r === c ? null : { from: r, to: c };
}
