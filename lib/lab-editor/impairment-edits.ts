import { isNoImpairment, type Impairment } from "../contracts/impairment";
import { impairmentSchema } from "../contracts/impairment-inputs";

/** The impairment form's text fields, as typed. */
export type ImpairmentForm = Partial<Record<"delayMs" | "jitterMs" | "lossPercent" | "rateKbit", string>>;

export type ImpairmentCheck = { ok: true; impairment: Impairment | null } | { ok: false; errors: { field: string; message: string }[] };

/** What the form says, checked by the same schema the lab spec uses; all blank (or zero) is no impairment. */
export function impairmentFromForm(form: ImpairmentForm): ImpairmentCheck {
  const value: Record<string, number> = {};
  const errors: { field: string; message: string }[] = [];
  for (const [field, text] of Object.entries(form)) {
    const t = (text ?? "").trim();
    if (t === "") continue;
    const n = Number(t);
    if (!Number.isFinite(n)) errors.push({ field, message: `${field}: a number` });
    else value[field] = n;
  }
  if (errors.length) return { ok: false, errors };
  const parsed = impairmentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ""), message: i.message })) };
  return { ok: true, impairment: isNoImpairment(parsed.data) ? null : parsed.data };
}

export function formOfImpairment(i: Impairment | null | undefined): ImpairmentForm {
  const text = (n: number | undefined) => (n === undefined ? "" : String(n));
  return { delayMs: text(i?.delayMs), jitterMs: text(i?.jitterMs), lossPercent: text(i?.lossPercent), rateKbit: text(i?.rateKbit) };
}
