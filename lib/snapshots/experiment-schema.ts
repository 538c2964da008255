import { z } from "zod";
import { ENDPOINT_VARIANTS, SWITCH_VARIANTS, VARIANT_STATUS, type ExperimentRunState } from "../contracts/experiment";
import { DIAGNOSIS_CAUSES } from "../contracts/diagnosis";
import { PROTOCOLS } from "../contracts/matrix";
import { probeResultSchema } from "./topology-schema";

/** zod mirror of a finished experiment run (`ExperimentRunState`), as a snapshot keeps it. */
const text = z.string().max(256);
const words = z.string().max(4000);
const count = z.number().int().min(0);

const variantResult = z
  .object({
    variant: z
      .object({ id: text, switch: z.enum(SWITCH_VARIANTS), endpoints: z.enum(ENDPOINT_VARIANTS), offload: z.boolean() })
      .strict(),
    labId: text,
    subnet: text,
    status: z.enum(VARIANT_STATUS),
    reason: words.optional(),
    notes: z.array(words).max(32),
    tally: z.partialRecord(z.enum(PROTOCOLS), z.object({ ok: count, total: count }).strict()),
    failing: z.array(text).max(4096),
    results: z.array(probeResultSchema.omit({ runId: true, at: true })).max(4096),
    explanation: z
      .object({ pair: text, cause: z.enum(DIAGNOSIS_CAUSES), headline: words, evidence: z.array(words).max(64) })
      .strict()
      .optional(),
    durationMs: z.number().nullable(),
  })
  .strict();

/** A run that has finished: what `POST /api/experiments/:id/snapshot` saves. */
export type FinishedExperiment = ExperimentRunState & { finishedAt: string };

export const finishedExperimentSchema: z.ZodType<FinishedExperiment> = z
  .object({
    id: text,
    protocols: z.array(z.enum(PROTOCOLS)).min(1).max(3),
    startedAt: text,
    finishedAt: text,
    variants: z.array(variantResult).max(64),
  })
  .strict();
