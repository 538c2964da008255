import { cellKey, type ProbeError, type ProbeResult, type Protocol } from "../contracts/matrix";
import { CellTable, type Cell } from "../dashboard/cell-table";

/** A settled result for a test: ok with an RTT, or failed with a cause. */
export function result(protocol: Protocol, from: string, to: string, error: ProbeError | null = null, extra: Partial<ProbeResult> = {}): ProbeResult {
  return { runId: "r1", from, to, protocol, ok: error === null, rttMs: error === null ? 0.25 : null, error, at: "2026-11-25T00:00:00.000Z", ...extra };
}

/** Cells as the dashboard keeps them, from results. */
export function cellsOf(results: ProbeResult[], pending: [Protocol, string, string][] = []): CellTable {
  const cells = CellTable.from(results.map((r): [string, Cell] => [cellKey(r.from, r.to, r.protocol), { result: r, pending: false }]));
  return cells.with(pending.map(([p, from, to]): [string, Cell] => [cellKey(from, to, p), { result: cells.get(cellKey(from, to, p))?.result ?? null, pending: true }]));
}
