import type { CounterEvidence, MatrixRun, MatrixRunSummary, ProbeError, ProbeResult, Protocol } from "./matrix";

/** What only some results carry (failures mostly), kept as it is. */
type Extras = Pick<ProbeResult, "detail" | "droppedBy" | "evidence">;

/**
 * One result: indexes into `words` for its run, protocol, ends and error (-1: none), `ok` as 1 or 0,
 * the RTT, `at` as ms after `baseMs`, and its extras when it has any.
 */
export type PackedRow =
  | [run: number, protocol: number, from: number, to: number, ok: 0 | 1, rttMs: number | null, error: number, atMs: number]
  | [run: number, protocol: number, from: number, to: number, ok: 0 | 1, rttMs: number | null, error: number, atMs: number, extras: Extras];

/**
 * Results as the page's first answer sends them: a 100-endpoint run is 30,300 results, 5.5 MB of JSON
 * as objects (each repeating its run id, ends, protocol and time), about 1.4 MB as rows. Lossless:
 * `unpackResults(packResults(r))` deep-equals `r`.
 */
export interface PackedResults {
  words: string[];
  baseMs: number;
  rows: PackedRow[];
}

export type PackedRun = MatrixRunSummary & { results: PackedResults };

export function packResults(results: readonly ProbeResult[]): PackedResults {
  const words: string[] = [];
  const index = new Map<string, number>();
  const word = (w: string) => {
    let i = index.get(w);
    if (i === undefined) index.set(w, (i = words.push(w) - 1));
    return i;
  };
  let baseMs = Infinity;
  for (const r of results) baseMs = Math.min(baseMs, Date.parse(r.at));
  if (!Number.isFinite(baseMs)) baseMs = 0;
  const rows = results.map((r): PackedRow => {
    const row: PackedRow = [word(r.runId), word(r.protocol), word(r.from), word(r.to), r.ok ? 1 : 0, r.rttMs, r.error === null ? -1 : word(r.error), Date.parse(r.at) - baseMs];
    const extras: Extras = {};
    if (r.detail !== undefined) extras.detail = r.detail;
    if (r.droppedBy !== undefined) extras.droppedBy = r.droppedBy;
    if (r.evidence !== undefined) extras.evidence = r.evidence;
    return Object.keys(extras).length ? [...row, extras] : row;
  });
  return { words, baseMs, rows };
}

export function unpackResults({ words, baseMs, rows }: PackedResults): ProbeResult[] {
  // Results of one batch share their millisecond: each time is written out once (toISOString is most of the cost).
  const times = new Map<number, string>();
  const timeAt = (atMs: number) => {
    let at = times.get(atMs);
    if (at === undefined) times.set(atMs, (at = new Date(baseMs + atMs).toISOString()));
    return at;
  };
  return rows.map(([run, protocol, from, to, ok, rttMs, error, atMs, extras]) => {
    const result: ProbeResult = {
      runId: words[run],
      from: words[from],
      to: words[to],
      protocol: words[protocol] as Protocol,
      ok: ok === 1,
      rttMs,
      error: error === -1 ? null : (words[error] as ProbeError),
      at: timeAt(atMs),
    };
    if (extras?.detail !== undefined) result.detail = extras.detail;
    if (extras?.droppedBy !== undefined) result.droppedBy = extras.droppedBy;
    if (extras?.evidence !== undefined) result.evidence = extras.evidence as CounterEvidence;
    return result;
  });
}

export function packRun({ results, ...summary }: MatrixRun): PackedRun {
  return { ...summary, results: packResults(results) };
}

export function unpackRun({ results, ...summary }: PackedRun): MatrixRun {
  return { ...summary, results: unpackResults(results) };
}
