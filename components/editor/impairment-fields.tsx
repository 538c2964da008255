"use client";
import { useState } from "react";
import { describeImpairment, type Impairment } from "@/lib/contracts/impairment";
import { formOfImpairment, impairmentFromForm, type ImpairmentForm } from "@/lib/lab-editor/impairment-edits";
import { FIELD, QUIET_BUTTON } from "../panels/edit-styles";

const FIELDS = [
  ["delayMs", "delay (ms)"],
  ["jitterMs", "jitter (ms)"],
  ["lossPercent", "loss (%)"],
  ["rateKbit", "rate (kbit/s)"],
] as const;

/** The link's impairment (the endpoint's `impair` in the lab file), checked as typed; Set puts it in the draft. */
export function ImpairmentFields({ endpoint, value, errors, onChange }: { endpoint: string; value: Impairment | null; errors: readonly string[]; onChange: (i: Impairment | null) => void }) {
  const [form, setForm] = useState<ImpairmentForm>(() => formOfImpairment(value));
  const check = impairmentFromForm(form);
  const errorOf = (field: string) => (check.ok ? [] : check.errors.filter((e) => e.field === field).map((e) => e.message));
  return (
    <fieldset className="flex flex-col gap-1 text-xs" data-testid="impairment-fields">
      <legend className="font-semibold">Link impairment</legend>
      <div className="grid grid-cols-2 gap-1">
        {FIELDS.map(([field, label]) => (
          <label key={field} className="flex flex-col">
            {label}
            <input
              inputMode="decimal"
              aria-label={`${endpoint} ${label}`}
              value={form[field] ?? ""}
              aria-invalid={errorOf(field).length > 0}
              onChange={(e) => setForm({ ...form, [field]: e.target.value })}
              className={`${FIELD} ${errorOf(field).length ? "border-red-500" : ""}`}
            />
            {errorOf(field).map((m) => (
              <span key={m} role="alert" className="text-red-700 dark:text-red-300">
                {m}
              </span>
            ))}
          </label>
        ))}
      </div>
      <div className="flex items-center gap-2">
        <button type="button" className={QUIET_BUTTON} disabled={!check.ok} onClick={() => check.ok && onChange(check.impairment)}>
          Set impairment
        </button>
        <span className="text-slate-600 dark:text-slate-300">{value ? describeImpairment(value) : "none"}</span>
      </div>
      {errors.map((m) => (
        <span key={m} role="alert" className="text-red-700 dark:text-red-300">
          {m}
        </span>
      ))}
      <span className="text-slate-500">tc netem/tbf on the veth (or ovs-lab&apos;s relay where the kernel has no netem), made by Apply.</span>
    </fieldset>
  );
}
