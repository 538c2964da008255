"use client";
import type { StudentView } from "@/lib/contracts/classroom";
import type { CheckStatus } from "@/lib/scenarios/checks";
import { MarkdownText } from "./markdown-text";
import { CountdownBadge } from "./countdown-badge";

const MARK: Record<CheckStatus, { sign: string; words: string; style: string }> = {
  passed: { sign: "✓", words: "passed", style: "bg-emerald-600 text-white" },
  failed: { sign: "✗", words: "failed", style: "bg-red-600 text-white" },
  pending: { sign: "…", words: "not judged yet", style: "bg-slate-300 text-slate-800 dark:bg-slate-600 dark:text-slate-100" },
};

function CheckLine({ check }: { check: StudentView["checks"][number] }) {
  const mark = MARK[check.status];
  return (
    <li data-testid={`student-check-${check.id}`} data-status={check.status} className="flex items-start gap-2 text-sm">
      <span aria-label={mark.words} title={mark.words} className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${mark.style}`}>
        {mark.sign}
      </span>
      <span>{check.message || check.id}</span>
    </li>
  );
}

/** A student's side panel on their own lab: the task, its steps, which checks pass (live), the time left. */
export function StudentPanel({ view }: { view: StudentView }) {
  const checks = new Map(view.checks.map((c) => [c.id, c]));
  const inSteps = new Set(view.steps.flatMap((s) => s.checks));
  const others = view.checks.filter((c) => !inSteps.has(c.id));
  return (
    <section aria-labelledby="student-task-title" data-testid="student-panel" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="student-task-title" className="text-lg font-bold">{view.scenario.title}</h2>
        <CountdownBadge endsAt={view.endsAt} />
      </div>
      <div className="flex items-center gap-2 text-sm">
        <progress max={100} value={view.percent} className="h-2 flex-1" aria-label="Checks passed" />
        <span data-testid="student-percent" className="font-mono font-semibold">{view.percent}%</span>
      </div>
      {view.scenario.summary && <p className="text-sm text-slate-700 dark:text-slate-300">{view.scenario.summary}</p>}
      <ol className="flex flex-col gap-3">
        {view.steps.map((step, i) => (
          <li key={step.id} data-testid={`student-step-${step.id}`} data-done={step.done} className={`rounded-md border p-2 ${step.done ? "border-emerald-500" : "border-slate-300 dark:border-slate-600"}`}>
            <h3 className="font-semibold">
              {i + 1}. {step.title} {step.done && <span className="ml-1 rounded bg-emerald-600 px-1.5 text-xs text-white">done</span>}
            </h3>
            <MarkdownText markdown={step.body} className="mt-1 text-sm leading-relaxed" />
            {step.checks.length > 0 && (
              <ul className="mt-2 flex flex-col gap-1" aria-label={`Checks of step ${i + 1}`}>
                {step.checks.map((id) => {
                  const check = checks.get(id);
                  return check ? <CheckLine key={id} check={check} /> : null;
                })}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {others.length > 0 && (
        <div>
          <h3 className="font-semibold">Also checked</h3>
          <ul className="mt-1 flex flex-col gap-1">{others.map((c) => <CheckLine key={c.id} check={c} />)}</ul>
        </div>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        On this lab you may use: {view.operations.join(", ")}. Everything else is shown but disabled.
      </p>
    </section>
  );
}
