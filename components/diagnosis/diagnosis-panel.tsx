"use client";
import { useEffect, useRef, useState } from "react";
import type { Diagnosis, SuggestedFix } from "@/lib/contracts/diagnosis";
import type { OffloadFeature } from "@/lib/contracts/offload";
import { cellKey } from "@/lib/contracts/matrix";
import { cellOf, type CellLookup } from "@/lib/dashboard/cell-table";
import { cellNowText } from "@/lib/diagnosis/diagnosis-words";
import { CAUSE_TITLES, changesText, isOneClickFix } from "@/lib/diagnosis/diagnosis-words";
import type { DiagnosisView } from "./use-diagnosis";

const BUTTON = "rounded-md border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";

export interface DiagnosisPanelProps {
  view: DiagnosisView;
  /** The matrix as it is now, so the panel says when the cell it explains has changed since. */
  cells: CellLookup;
  /** Why this page may not apply a fix (null: it may). */
  fixRefused: string | null;
  onFix: (interfaceId: string, changes: Partial<Record<OffloadFeature, boolean>>) => void;
  onRetry: () => void;
  onClose: () => void;
  /** Trace the cell's packet hop by hop (absent: this page may not). */
  onExplainPath?: () => void;
}

function Fix({ fix, refused, onFix }: { fix: SuggestedFix; refused: string | null; onFix: DiagnosisPanelProps["onFix"] }) {
  const [applied, setApplied] = useState(false);
  if (!isOneClickFix(fix)) return <li className="text-sm">{fix.label}</li>;
  return (
    <li className="flex items-center gap-2">
      <button
        type="button"
        disabled={refused !== null || applied}
        onClick={() => (setApplied(true), onFix(fix.interfaceId, fix.changes))}
        title={refused ?? `${fix.interfaceId}: ${changesText(fix.changes)}`}
        className="rounded-md bg-emerald-600 px-3 py-1 text-sm font-semibold text-white hover:bg-emerald-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50"
      >
        {fix.label}
      </button>
      {applied && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-400">applied: re-testing the affected cells</span>}
    </li>
  );
}

function Answer({ d, fixRefused, onFix }: { d: Diagnosis; fixRefused: string | null; onFix: DiagnosisPanelProps["onFix"] }) {
  const strong = d.cause !== "works" && d.cause !== "unknown";
  return (
    <>
      <p className="flex flex-wrap items-center gap-2">
        <span data-testid="diagnosis-cause" data-cause={d.cause} className={`rounded px-2 py-0.5 text-sm font-semibold ${strong ? "bg-red-100 text-red-900 dark:bg-red-900/70 dark:text-red-100" : "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100"}`}>
          {CAUSE_TITLES[d.cause]}
        </span>
        <span className="text-sm text-slate-600 dark:text-slate-300">probe again: {d.probe.ok ? `ok (${d.probe.rttMs ?? "?"} ms)` : `failed, ${d.probe.error ?? "no answer"}`}</span>
      </p>
      <p data-testid="diagnosis-headline" className="text-base leading-relaxed">{d.headline}</p>
      {d.evidence.length > 0 && (
        <div>
          <h3 className="font-semibold">Evidence</h3>
          <ul className="mt-1 flex flex-col gap-0.5 font-mono text-xs break-words text-slate-700 dark:text-slate-300">
            {d.evidence.map((e, i) => <li key={i}>{e}</li>)}
          </ul>
        </div>
      )}
      {d.fixes.length > 0 && (
        <div>
          <h3 className="font-semibold">Fix</h3>
          <ul className="mt-1 flex flex-wrap gap-2">
            {d.fixes.map((f) => <Fix key={f.label} fix={f} refused={fixRefused} onFix={onFix} />)}
          </ul>
        </div>
      )}
      {d.captures.length > 0 && (
        <p className="flex flex-wrap gap-x-3 text-sm">
          <span className="font-semibold">Packets:</span>
          {d.captures.map((c) => (
            <a key={c.captureId} href={`/api/captures/${c.captureId}/pcap`} download className="text-sky-700 underline dark:text-sky-300">
              {c.label} ({c.packetCount}) .pcap
            </a>
          ))}
        </p>
      )}
    </>
  );
}

/** Why a cell failed, in words, with the evidence and the one-click fixes. */
export function DiagnosisPanel({ view, cells, fixRefused, onFix, onRetry, onClose, onExplainPath }: DiagnosisPanelProps) {
  const ref = useRef<HTMLElement>(null);
  const { from, to, protocol } = view.request;
  const now = cellNowText(cellOf(cells, cellKey(from, to, protocol)));
  useEffect(() => {
    ref.current?.scrollIntoView({ block: "nearest" });
    ref.current?.focus();
  }, [from, to, protocol]);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="diagnosis-title"
      aria-busy={!view.diagnosis && !view.error}
      data-testid="diagnosis-panel"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
      className="flex flex-col gap-2 rounded-lg border-2 border-red-400 p-3 outline-none dark:border-red-700"
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="diagnosis-title" className="text-lg font-bold">
          Why did {protocol.toUpperCase()} {from} → {to} fail?
        </h2>
        {now && (
          <span role="status" data-testid="diagnosis-cell-now" data-kind={now.kind} className={`rounded px-2 py-0.5 text-sm font-semibold ${now.kind === "ok" ? "bg-emerald-600 text-white" : now.kind === "fail" ? "bg-red-600 text-white" : "bg-slate-300 text-slate-900 dark:bg-slate-600 dark:text-slate-50"}`}>
            {now.text}
          </span>
        )}
        <div className="ml-auto flex gap-2">
          {onExplainPath && <button type="button" onClick={onExplainPath} className={BUTTON}>Explain path</button>}
          <button type="button" onClick={onRetry} className={BUTTON} disabled={!view.diagnosis && !view.error}>Ask again</button>
          <button type="button" onClick={onClose} className={BUTTON} aria-label="Close the explanation">Close</button>
        </div>
      </div>
      {view.error && <p className="text-red-700 dark:text-red-400">Could not diagnose: {view.error}</p>}
      {!view.diagnosis && !view.error && <p className="animate-pulse text-slate-600 dark:text-slate-300">Probing again while capturing on both ends…</p>}
      {view.diagnosis && <Answer key={view.ticket} d={view.diagnosis} fixRefused={fixRefused} onFix={onFix} />}
    </section>
  );
}
