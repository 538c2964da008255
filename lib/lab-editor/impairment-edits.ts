import { impairmentSchema, isNoImpairment, type Impairment, type LinkImpairment } from "../contracts/impairment";

/**
 * Impairments the editor changes, by endpoint (null: none). The lab spec has no field for them yet, so
 * Apply sets them on the running lab through the impairment operation, and a saved file leaves them out.
 */
export type ImpairmentEdits = Readonly<Record<string, Impairment | null>>;

/** The form's text fields, as typed. */
export type ImpairmentForm = Partial<Record<"delayMs" | "jitterMs" | "lossPercent" | "rateKbit", string>>;

export type ImpairmentCheck = { ok: true; impairment: Impairment | null } | { ok: false; errors: { field: string; message: string }[] };

/** What the form says, checked by the same schema the server uses; all blank (or zero) is no impairment. */
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

const same = (a: Impairment | null | undefined, b: Impairment | null | undefined) =>
  (isNoImpairment(a) && isNoImpairment(b)) || JSON.stringify(formOfImpairment(a)) === JSON.stringify(formOfImpairment(b));

/** The impairment an endpoint has in the editor: its edit, else what runs. */
export function impairmentOf(endpoint: string, running: readonly LinkImpairment[], edits: ImpairmentEdits): Impairment | null {
  if (endpoint in edits) return edits[endpoint];
  return running.find((l) => l.endpoint === endpoint)?.impairment ?? null;
}

/** The impairment operations Apply makes: edits that differ from what runs, for endpoints the lab keeps. */
export function impairmentChanges(running: readonly LinkImpairment[], edits: ImpairmentEdits, endpoints: readonly string[]): { endpoint: string; impairment: Impairment | null }[] {
  return Object.entries(edits)
    .filter(([endpoint, wanted]) => endpoints.includes(endpoint) && !same(wanted, running.find((l) => l.endpoint === endpoint)?.impairment))
    .map(([endpoint, impairment]) => ({ endpoint, impairment }));
}
