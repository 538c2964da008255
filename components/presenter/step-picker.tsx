"use client";
import { useState } from "react";
import { resolveStep, stepRef } from "@/lib/classroom/presenter-step";
import { useScenarios } from "./use-scenarios";

const BUTTON = "rounded-md border border-slate-400 px-2 py-0.5 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-40 dark:border-slate-500 dark:hover:bg-slate-800";

/** The presenter's step: a scenario, then its steps one by one (each change is sent to the pages that follow). */
export function StepPicker({ step, onStep }: { step: string | null; onStep: (ref: string | null) => void }) {
  const scenarios = useScenarios();
  const current = resolveStep(step, scenarios);
  const [chosen, setChosen] = useState<string>("");
  const scenarioId = current?.scenarioId ?? chosen;
  const scenario = scenarios.find((s) => s.id === scenarioId);
  const steps = scenario?.steps ?? [];
  const index = current ? current.number - 1 : -1;
  const go = (i: number) => scenario && steps[i] && onStep(stepRef(scenario.id, steps[i].id));
  return (
    <div className="flex flex-wrap items-center gap-2 text-base" data-testid="step-picker">
      <label className="flex items-center gap-1">
        Scenario
        <select
          value={scenarioId}
          onChange={(e) => {
            setChosen(e.target.value);
            onStep(null);
          }}
          className="rounded border border-slate-400 bg-white px-1 py-0.5 dark:border-slate-500 dark:bg-slate-900"
        >
          <option value="">none</option>
          {scenarios.filter((s) => !s.error).map((s) => (
            <option key={s.id} value={s.id}>{s.title}</option>
          ))}
        </select>
      </label>
      {scenario && (
        <>
          <button type="button" className={BUTTON} disabled={index <= 0} onClick={() => go(index - 1)}>‹ Previous step</button>
          <span className="font-mono">{index >= 0 ? `${index + 1} / ${steps.length}` : `– / ${steps.length}`}</span>
          <button type="button" className={BUTTON} disabled={index >= steps.length - 1} onClick={() => go(index + 1)}>{index < 0 ? "First step ›" : "Next step ›"}</button>
        </>
      )}
    </div>
  );
}
