"use client";
import { useState, type FormEvent } from "react";
import type { ClassView } from "@/lib/contracts/classroom";
import { classRequestOf, EMPTY_CLASS_FORM, type ClassForm } from "@/lib/classroom/class-form";
import { BUTTON, FIELD } from "../panels/edit-styles";
import { useScenarios } from "../presenter/use-scenarios";
import { labApi } from "../labs/lab-client";

/** Starts a class: a scenario, N students or their names, an optional seed (the same faults again) and countdown. */
export function ClassStartForm({ onStarted }: { onStarted: (view: ClassView) => void }) {
  const scenarios = useScenarios();
  const [form, setForm] = useState<ClassForm>(EMPTY_CLASS_FORM);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<ClassForm>) => setForm((f) => ({ ...f, ...patch }));
  const usable = scenarios.filter((s) => !s.error);
  const scenario = form.scenario || usable[0]?.id || "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const made = classRequestOf({ ...form, scenario });
    if (!made.ok) return setError(made.error);
    setBusy(true);
    setError(null);
    labApi()
      .classCreate({ body: made.request })
      .then(onStarted, (err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  const chosen = scenarios.find((s) => s.id === scenario);
  return (
    <form onSubmit={submit} aria-labelledby="class-form-title" data-testid="class-form" className="flex max-w-xl flex-col gap-3 rounded-lg border border-slate-300 p-4 dark:border-slate-700">
      <h2 id="class-form-title" className="text-lg font-bold">Start a class</h2>
      <label className="flex flex-col gap-1 text-sm">
        Scenario
        <select value={scenario} onChange={(e) => set({ scenario: e.target.value })} className={FIELD}>
          {usable.map((s) => <option key={s.id} value={s.id}>{s.title} ({s.id})</option>)}
        </select>
      </label>
      {chosen?.summary && <p className="text-sm text-slate-600 dark:text-slate-300">{chosen.summary}</p>}
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1">Students</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={form.mode === "count"} onChange={() => set({ mode: "count" })} />
          how many
          <input type="number" min={1} max={40} value={form.count} onChange={(e) => set({ count: e.target.value, mode: "count" })} aria-label="Number of students" className={FIELD.replace("w-full", "w-20")} />
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="mode" checked={form.mode === "names"} onChange={() => set({ mode: "names" })} className="mt-1" />
          <span className="flex flex-1 flex-col gap-1">
            their names, one a line
            <textarea rows={4} value={form.names} onChange={(e) => set({ names: e.target.value, mode: "names" })} aria-label="Student names" className={FIELD} />
          </span>
        </label>
      </fieldset>
      <div className="grid grid-cols-2 gap-3 text-sm">
        <label className="flex flex-col gap-1">
          Seed (optional: the same faults again)
          <input value={form.seed} onChange={(e) => set({ seed: e.target.value })} className={FIELD} />
        </label>
        <label className="flex flex-col gap-1">
          Minutes (optional countdown)
          <input type="number" min={1} max={600} value={form.minutes} onChange={(e) => set({ minutes: e.target.value })} className={FIELD} />
        </label>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy || !scenario} className={BUTTON}>{busy ? "Starting…" : "Start the class"}</button>
        {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      </div>
    </form>
  );
}
