"use client";
import { resolveStep } from "@/lib/classroom/presenter-step";
import { MarkdownText } from "../student/markdown-text";
import { useScenarios } from "./use-scenarios";

/** The step the presenter is on, with its text; nothing when there is none or it is not a scenario's. */
export function PresenterStepCard({ step, large = false }: { step: string | null; large?: boolean }) {
  const scenarios = useScenarios(step !== null);
  const resolved = resolveStep(step, scenarios);
  if (!resolved) return null;
  return (
    <section data-testid="presenter-step" data-step={resolved.stepId} aria-label="The presenter's step" className={`rounded-lg border border-sky-500 bg-sky-50 p-3 dark:bg-sky-950/40 ${large ? "text-xl" : "text-sm"}`}>
      <p className="text-slate-600 dark:text-slate-300">
        {resolved.scenarioTitle} · step {resolved.number} of {resolved.total}
      </p>
      <h2 className={`font-bold ${large ? "text-3xl" : "text-base"}`}>{resolved.title}</h2>
      <MarkdownText markdown={resolved.body} className="mt-1 leading-relaxed" />
    </section>
  );
}
