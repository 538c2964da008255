import type { Impairment, ImpairmentDirection } from "@/lib/contracts/impairment";

/** The impairment form's text fields, as typed; empty means "not set". */
export interface ImpairmentFields {
  delayMs: string;
  jitterMs: string;
  lossPercent: string;
  rateKbit: string;
  direction: ImpairmentDirection;
}

export function fieldsOf(i: Impairment | null | undefined): ImpairmentFields {
  const text = (n: number | undefined) => (n === undefined || n === 0 ? "" : String(n));
  return { delayMs: text(i?.delayMs), jitterMs: text(i?.jitterMs), lossPercent: text(i?.lossPercent), rateKbit: i?.rateKbit === undefined ? "" : String(i.rateKbit), direction: i?.direction ?? "to-endpoint" };
}

/**
 * The impairment the fields say, or the first error in words (naming the field), as the server would: by
 * the server's own schema, loaded when a form is applied (zod is not part of the page's first load).
 */
export async function impairmentOf(f: ImpairmentFields): Promise<{ ok: true; value: Impairment } | { ok: false; error: string }> {
  const { impairmentSchema } = await import("@/lib/contracts/impairment-inputs");
  const raw: Record<string, unknown> = {};
  for (const key of ["delayMs", "jitterMs", "lossPercent", "rateKbit"] as const) if (f[key].trim() !== "") raw[key] = Number(f[key].trim());
  if (f.direction !== "to-endpoint") raw.direction = f.direction;
  const parsed = impairmentSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: parsed.error.issues[0].message };
}
