import { z } from "zod";
import { IMPAIRMENT_BOUNDS, IMPAIRMENT_DIRECTIONS, type Impairment } from "./impairment";

/** An impairment as a lab file or a request gives it (impairment.ts says what each field means), checked at the edge. */
const bounded = (field: keyof typeof IMPAIRMENT_BOUNDS, unit: string, integer: boolean) => {
  const { min, max } = IMPAIRMENT_BOUNDS[field];
  const base = z.number({ error: `${field}: a number of ${unit}` });
  return (integer ? base.int(`${field}: a whole number of ${unit}`) : base)
    .min(min, `${field}: at least ${min} ${unit}`)
    .max(max, `${field}: at most ${max} ${unit}`)
    .optional();
};

export const impairmentSchema = z
  .object({
    delayMs: bounded("delayMs", "ms", true),
    jitterMs: bounded("jitterMs", "ms", true),
    lossPercent: bounded("lossPercent", "%", false),
    rateKbit: bounded("rateKbit", "kbit/s", true),
    direction: z.enum(IMPAIRMENT_DIRECTIONS).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.jitterMs ?? 0) > 0 && !(v.delayMs ?? 0))
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["jitterMs"], message: "jitterMs: needs a delayMs to vary around" });
    if ((v.jitterMs ?? 0) > (v.delayMs ?? 0) && (v.delayMs ?? 0) > 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["jitterMs"], message: "jitterMs: at most delayMs (a frame cannot leave before it came)" });
  }) satisfies z.ZodType<Impairment, Impairment>;

/** `POST /api/endpoints/:name/impairment` body: the impairment, or null to clear it. */
export const impairmentChangeSchema = z.object({ impairment: impairmentSchema.nullable() }).strict();
