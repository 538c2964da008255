import { z } from "zod";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "./offload";
import { PROTOCOLS } from "./matrix";

/** Bodies the HTTP API and the socket accept, checked at the edge. */
export const offloadChangeSchema = z
  .object(Object.fromEntries(OFFLOAD_FEATURE_NAMES.map((f) => [f, z.boolean().optional()])) as Record<OffloadFeature, z.ZodOptional<z.ZodBoolean>>)
  .strict()
  .refine((o) => Object.values(o).some((v) => v !== undefined), {
    message: `name at least one feature: ${OFFLOAD_FEATURE_NAMES.join(", ")}`,
  });

export const matrixRequestSchema = z
  .object({
    protocols: z.array(z.enum(PROTOCOLS)).min(1).max(3).default([...PROTOCOLS]),
    timeoutMs: z.number().int().min(20).max(10_000).optional(),
    /** Ordered pairs to test, e.g. [["c1","c2"]]; all pairs when absent. */
    pairs: z.array(z.tuple([z.string().max(32), z.string().max(32)])).max(5000).optional(),
  })
  .strict();
export type MatrixRequest = z.infer<typeof matrixRequestSchema>;

export const labUpRequestSchema = z
  .object({
    template: z.string().regex(/^[a-z0-9-]{1,40}$/, "a template name such as seed (letters, digits and -)").optional(),
    spec: z.unknown().optional(),
  })
  .strict()
  .refine((b) => !(b.template !== undefined && b.spec !== undefined), { message: 'give "template" or "spec", not both' });
