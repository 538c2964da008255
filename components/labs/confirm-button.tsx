"use client";
import { useState } from "react";

const DANGER = "rounded-md bg-red-700 px-2 py-0.5 text-sm font-semibold text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";
const QUIET = "rounded-md border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:border-slate-500 dark:hover:bg-slate-800";

/** A destructive action asked twice: the button, then the question with "yes" and "keep". Shows the refusal or failure it gets. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm }: { label: string; question: string; confirmLabel: string; onConfirm: () => Promise<unknown> }) {
  const [stage, setStage] = useState<"idle" | "asking" | "busy">("idle");
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    setStage("busy");
    setError(null);
    onConfirm().then(
      () => setStage("idle"),
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setStage("idle");
      },
    );
  };
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {stage === "idle" ? (
        <button type="button" className={QUIET} onClick={() => setStage("asking")}>{label}</button>
      ) : (
        <span role="alertdialog" aria-label={question} className="inline-flex flex-wrap items-center gap-2 text-sm">
          {question}
          <button type="button" className={DANGER} disabled={stage === "busy"} onClick={confirm}>{stage === "busy" ? "Working…" : confirmLabel}</button>
          <button type="button" className={QUIET} disabled={stage === "busy"} onClick={() => setStage("idle")}>Keep</button>
        </span>
      )}
      {error && <span role="status" className="text-sm text-red-700 dark:text-red-400">{error}</span>}
    </span>
  );
}
