import type { Protocol } from "@/lib/contracts/matrix";
import type { ExperimentVariant, VariantResult } from "@/lib/contracts/experiment";
import { STATUS_WORDS, failingByProtocol, tallyKind, variantWords } from "@/lib/experiment/experiment-table";

const STATUS_STYLE: Record<VariantResult["status"], string> = {
  pending: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  building: "animate-pulse bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
  running: "animate-pulse bg-sky-200 text-sky-950 dark:bg-sky-800 dark:text-sky-50",
  done: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/70 dark:text-emerald-100",
  "not-runnable": "bg-slate-300 text-slate-900 dark:bg-slate-600 dark:text-slate-50",
  error: "bg-red-100 text-red-900 dark:bg-red-900/70 dark:text-red-100",
  cancelled: "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200",
};

const TALLY_STYLE = {
  "all-ok": "bg-emerald-500 text-white dark:bg-emerald-600",
  "some-fail": "bg-red-600 text-white dark:bg-red-700",
  none: "text-slate-400 dark:text-slate-500",
} as const;

export interface VariantRowProps {
  variant: ExperimentVariant;
  result: VariantResult | null;
  /** Probes landed so far in this run. */
  probes: number;
  protocols: readonly Protocol[];
  /** The run checkbox; absent on a saved table. */
  select?: { selected: boolean; locked: boolean; onSelect: (on: boolean) => void };
}

function Tally({ result, protocol }: { result: VariantResult; protocol: Protocol }) {
  const t = result.tally[protocol];
  const kind = tallyKind(result, protocol);
  return (
    <td className="px-1 py-1 text-center">
      <span data-testid={`tally-${protocol}`} data-kind={kind} className={`inline-block min-w-16 rounded px-1.5 py-0.5 font-mono text-xs ${TALLY_STYLE[kind]}`}>
        {t ? `${protocol.toUpperCase()} ${t.ok}/${t.total}` : "—"}
      </span>
    </td>
  );
}

/** A variant's line in the table, and under it the reason, notes and first failure's explanation when there are any. */
export function VariantRow({ variant, result, probes, protocols, select }: VariantRowProps) {
  const words = variantWords(variant);
  const detail = result && (result.reason || result.explanation || result.notes.length > 0);
  return (
    <>
      <tr data-testid={`variant-${variant.id}`} data-status={result?.status ?? "not-in-run"} className="border-t border-slate-200 align-top dark:border-slate-800">
        {select && (
          <td className="px-2 py-1">
            <input type="checkbox" checked={select.selected} disabled={select.locked} onChange={(e) => select.onSelect(e.target.checked)} aria-label={`Run ${variant.id}`} className="h-4 w-4 accent-sky-600" />
          </td>
        )}
        <td className="px-2 py-1 whitespace-nowrap">{words.endpoints}</td>
        <td className="px-2 py-1">
          <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${variant.offload ? "bg-amber-200 text-amber-950" : "bg-emerald-200 text-emerald-950"}`}>TX {words.offload}</span>
        </td>
        <td className="px-2 py-1">
          {result ? (
            <span data-testid="variant-status" className={`rounded px-1.5 py-0.5 text-xs font-semibold whitespace-nowrap ${STATUS_STYLE[result.status]}`}>
              {STATUS_WORDS[result.status]}
              {result.status === "running" && probes > 0 ? ` ${probes} probes` : ""}
              {result.durationMs !== null && result.status !== "not-runnable" ? ` · ${(result.durationMs / 1000).toFixed(1)} s` : ""}
            </span>
          ) : (
            <span className="text-xs text-slate-500 dark:text-slate-400">not in this run</span>
          )}
        </td>
        {protocols.map((p) => (result ? <Tally key={p} result={result} protocol={p} /> : <td key={p} />))}
        <td className="px-2 py-1 font-mono text-xs" data-testid="variant-failing">
          {result && result.status === "done" && result.failing.length === 0 && <span className="font-sans text-emerald-700 dark:text-emerald-400">none</span>}
          {result &&
            failingByProtocol(result.failing).map((g) => (
              <div key={g.protocol}>
                <span className="font-sans font-semibold">{g.protocol}:</span> {g.pairs.join(", ")}
              </div>
            ))}
        </td>
      </tr>
      {detail && (
        <tr className="text-sm" data-testid={`variant-detail-${variant.id}`}>
          {select && <td />}
          <td colSpan={4 + protocols.length} className="px-2 pb-2">
            {result.reason && <p className={result.status === "error" ? "text-red-700 dark:text-red-400" : "text-slate-700 dark:text-slate-300"}>{result.status === "not-runnable" ? "Not runnable here: " : ""}{result.reason}</p>}
            {result.explanation && (
              <div className="rounded border-l-4 border-red-500 bg-red-50 px-2 py-1 dark:bg-red-950/50" data-testid="variant-explanation">
                <p><span className="font-semibold">Why {result.explanation.pair} failed:</span> {result.explanation.headline}</p>
                {result.explanation.evidence.length > 0 && (
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer">evidence ({result.explanation.evidence.length})</summary>
                    <ul className="font-mono break-words">{result.explanation.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul>
                  </details>
                )}
              </div>
            )}
            {result.notes.map((n, i) => <p key={i} className="text-xs text-slate-600 dark:text-slate-400">note: {n}</p>)}
          </td>
        </tr>
      )}
    </>
  );
}
