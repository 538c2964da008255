import { cellKey, type ProbeError, type ProbeResult, type Protocol } from "../contracts/matrix";
import type { Cell } from "../dashboard/dashboard-state";

/** A settled result for a test: ok with an RTT, or failed with a cause. */
export function result(protocol: Protocol, from: string, to: string, error: ProbeError | null = null, extra: Partial<ProbeResult> = {}): ProbeResult {
  return { runId: "r1", from, to, protocol, ok: error === null, rttMs: error === null ? 0.25 : null, error, at: "2026-11-25T00:00:00.000Z", ...extra };
}

/** Cells as the dashboard keeps them, from results. */
export function cellsOf(results: ProbeResult[], pending: [Protocol, string, string][] = []): Record<string, Cell> {
  const cells: Record<string, Cell> = Object.fromEntries(results.map((r) => [cellKey(r.from, r.to, r.protocol), { result: r, pending: false }]));
  for (const [p, from, to] of pending) cells[cellKey(from, to, p)] = { result: cells[cellKey(from, to, p)]?.result ?? null, pending: true };
  return cells;
}
