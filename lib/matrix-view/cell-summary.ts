import { PROTOCOLS, type Protocol } from "../contracts/matrix";
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

const perProtocol = () => Object.fromEntries(PROTOCOLS.map((p) => [p, new Set<string>()])) as Record<Protocol, Set<string>>;

/** Splits a cell key (`tcp:c1>c2`, see cellKey) into its parts; names never hold ":" or ">". */
export function parseCellKey(key: string): { protocol: Protocol; from: string; to: string } | null {
  const colon = key.indexOf(":");
  const arrow = key.indexOf(">", colon);
  if (colon < 0 || arrow < 0) return null;
  const protocol = key.slice(0, colon) as Protocol;
  if (!PROTOCOLS.includes(protocol)) return null;
  return { protocol, from: key.slice(colon + 1, arrow), to: key.slice(arrow + 1) };
}

type ParsedKey = ReturnType<typeof parseCellKey>;
/** Keys seen before, parsed once: the summary runs at every batch of results over every cell. */
const parsed = new Map<string, ParsedKey>();
function parsedKey(key: string): ParsedKey {
  let at = parsed.get(key);
  if (at === undefined) {
    if (parsed.size > 500_000) parsed.clear();
    at = parseCellKey(key);
    parsed.set(key, at);
  }
  return at;
}

/** One pass over the cells of the endpoints in `names` (cells of endpoints gone from the lab are left out). */
export function summarizeCells(cells: Readonly<Record<string, Cell>>, names: readonly string[]): CellSummary {
  const known = new Set(names);
  const shades = Object.fromEntries(Object.values(SHADES).map((s) => [s, 0])) as Record<Shade, number>;
  const failures = Object.fromEntries(PROTOCOLS.map((p) => [p, 0])) as Record<Protocol, number>;
  const summary: CellSummary = { shades, failingFrom: perProtocol(), failingTo: perProtocol(), failures, failing: new Set(), tested: new Set() };
  let counted = 0;
  for (const key in cells) {
    const at = parsedKey(key);
    if (!at || at.from === at.to || !known.has(at.from) || !known.has(at.to)) continue;
    const cell = cells[key];
    const shade = shadeOf(cell);
    shades[shade]++;
    counted++;
    if (cell.result) summary.tested.add(at.from).add(at.to);
    const failed = isFailure(shade);
    if (failed || (cell.pending && cell.result?.ok === false)) {
      summary.failingFrom[at.protocol].add(at.from);
      summary.failingTo[at.protocol].add(at.to);
      summary.failing.add(at.from).add(at.to);
    }
    if (failed) failures[at.protocol]++;
  }
  shades[SHADES.notRun] += Math.max(0, PROTOCOLS.length * names.length * (names.length - 1) - counted);
  return summary;
}
