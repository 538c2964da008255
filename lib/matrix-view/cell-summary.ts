import { PROTOCOLS, type Protocol } from "../contracts/matrix";
import type { CellTable } from "../dashboard/cell-table";
import type { Cell } from "../dashboard/dashboard-state";
import { isFailure, shadeOf, SHADES, type Shade } from "./heatmap-shades";

/** What one pass over the cells tells the heatmap: counts for the legend, and who takes part in a failure. */
export interface CellSummary {
  /** Squares of each shade over every protocol and ordered pair of `names` (untested ones count as not run). */
  shades: Record<Shade, number>;
  /**
   * Per protocol: endpoints that sent a probe that failed, and endpoints a failed probe was sent to. A
   * probe being tested again after it failed counts, so a re-run does not empty the filter to failures.
   */
  failingFrom: Record<Protocol, Set<string>>;
  failingTo: Record<Protocol, Set<string>>;
  /** Failed squares per protocol. */
  failures: Record<Protocol, number>;
  /** Endpoints at either end of any failure, and endpoints at either end of any result. */
  failing: Set<string>;
  tested: Set<string>;
}

/** Splits a cell key (`tcp:c1>c2`, see cellKey) into its parts; names never hold ":" or ">". */
export function parseCellKey(key: string): { protocol: Protocol; from: string; to: string } | null {
  const colon = key.indexOf(":");
  const arrow = key.indexOf(">", colon);
  if (colon < 0 || arrow < 0) return null;
  const row = parseRowKey(key.slice(0, arrow));
  return row && { ...row, to: key.slice(arrow + 1) };
}

/** A row of the cell table (`tcp:c1`): its protocol and sender. */
export function parseRowKey(rowKey: string): { protocol: Protocol; from: string } | null {
  const colon = rowKey.indexOf(":");
  const protocol = rowKey.slice(0, colon) as Protocol;
  return colon < 0 || !PROTOCOLS.includes(protocol) ? null : { protocol, from: rowKey.slice(colon + 1) };
}

/** One row's part of the summary: what its sender sent to the receivers in `known`. */
interface RowSummary {
  shades: Partial<Record<Shade, number>>;
  counted: number;
  failures: number;
  failingTo: string[];
  tested: string[];
}

function summarizeRow(from: string, row: ReadonlyMap<string, Cell>, known: ReadonlySet<string>): RowSummary {
  const s: RowSummary = { shades: {}, counted: 0, failures: 0, failingTo: [], tested: [] };
  for (const [to, cell] of row) {
    if (to === from || !known.has(to)) continue;
    const shade = shadeOf(cell);
    s.shades[shade] = (s.shades[shade] ?? 0) + 1;
    s.counted++;
    if (cell.result) s.tested.push(to);
    const failed = isFailure(shade);
    if (failed || (cell.pending && cell.result?.ok === false)) s.failingTo.push(to);
    if (failed) s.failures++;
  }
  return s;
}

const perProtocol = () => Object.fromEntries(PROTOCOLS.map((p) => [p, new Set<string>()])) as Record<Protocol, Set<string>>;

/**
 * Rows summarised before, by row (a table shares the rows a change did not touch) and by the list of
 * endpoints they were summarised for: while results stream in, only the rows that changed are read again.
 */
const byRow = new WeakMap<ReadonlyMap<string, Cell>, { names: readonly string[]; summary: RowSummary }>();

/** Sums the rows of the endpoints in `names` (cells of endpoints gone from the lab are left out). */
export function summarizeCells(cells: CellTable, names: readonly string[]): CellSummary {
  const known = new Set(names);
  const shades = Object.fromEntries(Object.values(SHADES).map((s) => [s, 0])) as Record<Shade, number>;
  const failures = Object.fromEntries(PROTOCOLS.map((p) => [p, 0])) as Record<Protocol, number>;
  const summary: CellSummary = { shades, failingFrom: perProtocol(), failingTo: perProtocol(), failures, failing: new Set(), tested: new Set() };
  let counted = 0;
  for (const [rowKey, row] of cells.rows()) {
    const at = parseRowKey(rowKey);
    if (!at || !known.has(at.from)) continue;
    let kept = byRow.get(row);
    if (kept?.names !== names) {
      kept = { names, summary: summarizeRow(at.from, row, known) };
      byRow.set(row, kept);
    }
    const s = kept.summary;
    for (const shade in s.shades) shades[shade as Shade] += s.shades[shade as Shade]!;
    counted += s.counted;
    failures[at.protocol] += s.failures;
    if (s.tested.length) summary.tested.add(at.from);
    // Once a set holds every endpoint, adding more is no news (the common case: all tested, failures everywhere).
    if (summary.tested.size < known.size) for (const to of s.tested) summary.tested.add(to);
    if (s.failingTo.length) {
      summary.failingFrom[at.protocol].add(at.from);
      summary.failing.add(at.from);
    }
    const failingTo = summary.failingTo[at.protocol];
    if (failingTo.size < known.size || summary.failing.size < known.size)
      for (const to of s.failingTo) {
        failingTo.add(to);
        summary.failing.add(to);
      }
  }
  shades[SHADES.notRun] += Math.max(0, PROTOCOLS.length * names.length * (names.length - 1) - counted);
  return summary;
}
