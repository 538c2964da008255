"use client";
import type { PathFix } from "@/lib/contracts/path-explain";
import { pathFixOperation } from "@/lib/diagnosis/path-fix-operation";
import { PathHopList } from "./path-hop-list";
import type { PathView } from "./use-path-explain";

const BUTTON = "rounded-md border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";

export interface PathPanelProps {
  view: PathView;
  /** Why this page may not call an operation (null: it may). */
  refusalOf: (operation: string) => string | null;
  onFix: (fix: PathFix) => void;
  onRetry: () => void;
  onClose: () => void;
}

function Fix({ fix, view, refusalOf, onFix }: { fix: PathFix; view: PathView; refusalOf: PathPanelProps["refusalOf"]; onFix: PathPanelProps["onFix"] }) {
  const operation = pathFixOperation(fix);
  if (!operation) return <li className="text-sm">{fix.label}</li>;
  const refused = refusalOf(operation);
  const answer = view.applied[fix.label];
  return (
    <li className="flex items-center gap-2">
      <button type="button" disabled={refused !== null || answer !== undefined} title={refused ?? fix.label} onClick={() => onFix(fix)}
        className="rounded-md bg-emerald-600 px-3 py-1 text-sm font-semibold text-white hover:bg-emerald-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50">
        {fix.label}
      </button>
      {answer && <span role="status" className="text-sm">{answer}</span>}
    </li>
  );
}

/** The cell's path hop by hop: where the packet went, where it died and why, and the fixes. */
export function PathPanel({ view, refusalOf, onFix, onRetry, onClose }: PathPanelProps) {
  const { from, to, protocol } = view.request;
  const p = view.explained;
  return (
    <section aria-labelledby="path-title" data-testid="path-panel" aria-busy={!p && !view.error} className="flex flex-col gap-2 rounded-lg border-2 border-sky-400 p-3 dark:border-sky-700">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="path-title" className="text-lg font-bold">Path of {protocol.toUpperCase()} {from} → {to}</h2>
        <div className="ml-auto flex gap-2">
          <button type="button" onClick={onRetry} className={BUTTON} disabled={!p && !view.error}>Trace again</button>
          <button type="button" onClick={onClose} className={BUTTON} aria-label="Close the path">Close</button>
        </div>
      </div>
      {view.error && <p className="text-red-700 dark:text-red-400">Could not explain the path: {view.error}</p>}
      {!p && !view.error && <p className="animate-pulse text-slate-600 dark:text-slate-300">Tracing through OVS and probing once…</p>}
      {p && (
        <>
          <p data-testid="path-headline" data-death={p.died?.death ?? "none"} className="text-base leading-relaxed">{p.headline}</p>
          <PathHopList explained={p} />
          {p.evidence.length > 0 && (
            <details>
              <summary className="cursor-pointer font-semibold">Evidence</summary>
              <ul className="mt-1 flex flex-col gap-0.5 font-mono text-xs break-words text-slate-700 dark:text-slate-300">{p.evidence.map((e, i) => <li key={i}>{e}</li>)}</ul>
            </details>
          )}
          {p.fixes.length > 0 && (
            <div>
              <h3 className="font-semibold">Fix</h3>
              <ul className="mt-1 flex flex-wrap gap-2">{p.fixes.map((f) => <Fix key={f.label} fix={f} view={view} refusalOf={refusalOf} onFix={onFix} />)}</ul>
            </div>
          )}
        </>
      )}
    </section>
  );
}
