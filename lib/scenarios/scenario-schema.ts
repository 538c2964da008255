import { z } from "zod";
import { labSpecSchema, type LabSpec } from "../lab-spec/schema";
import { scenarioCheckSchema } from "./check-schema";
import { faultItemSchema } from "./fault-entry-schema";

/** A scenario file's name, `scenarios/<id>.yaml`: also what the loader checks before touching a path. */
export const SCENARIO_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ITEM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const itemId = z.string().regex(ITEM_ID_PATTERN, "an id: lower-case letters, digits and -, 40 at most");

/** Where the lab comes from: a file in labs/, or a spec written in the scenario. Either is moved to the student's lab id and subnet. */
export type ScenarioLab = { source: "template"; template: string } | { source: "inline"; spec: LabSpec };

const templateRef = z.object({ template: z.string().regex(/^[a-z0-9-]{1,40}$/, "a file name in labs/ without .yaml, e.g. seed") }).strict();

/** `lab:` is `{ template: seed }` or a whole lab spec; each is validated on its own so errors keep their field names. */
const labField = z.unknown().transform((value, ctx): ScenarioLab => {
  const isTemplate = typeof value === "object" && value !== null && "template" in value;
  const parsed = isTemplate ? templateRef.safeParse(value) : labSpecSchema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return isTemplate ? { source: "template", template: (parsed.data as { template: string }).template } : { source: "inline", spec: parsed.data as LabSpec };
});

const stepSchema = z
  .object({
    id: itemId,
    title: z.string().min(1).max(200),
    /** Markdown: what to look at and what to do. */
    body: z.string().max(20_000).default(""),
    /** The checks that say this step is done. */
    checks: z.array(itemId).max(64).default([]),
  })
  .strict();
export type ScenarioStep = z.infer<typeof stepSchema>;

export const scenarioSchema = z
  .object({
    id: z.string().regex(SCENARIO_ID_PATTERN, "lower-case letters, digits and -, 40 at most (the file's name without .yaml)"),
    title: z.string().min(1).max(200),
    summary: z.string().max(4000).default(""),
    lab: labField,
    faults: z.array(faultItemSchema).max(32).default([]),
    checks: z.array(scenarioCheckSchema).min(1).max(64),
    steps: z.array(stepSchema).min(1).max(32),
    /** The page operations a student may use; by default the fixes of the scenario's fault kinds. */
    operations: z.array(z.string().max(64)).max(32).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const checkIds = new Set<string>();
    s.checks.forEach((c, i) => {
      if (checkIds.has(c.id)) ctx.addIssue({ code: "custom", path: ["checks", i, "id"], message: `"${c.id}" is used twice` });
      checkIds.add(c.id);
    });
    const stepIds = new Set<string>();
    s.steps.forEach((step, i) => {
      if (stepIds.has(step.id)) ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `"${step.id}" is used twice` });
      stepIds.add(step.id);
      step.checks.forEach((id, j) => {
        if (!checkIds.has(id)) ctx.addIssue({ code: "custom", path: ["steps", i, "checks", j], message: `no check "${id}"; checks: ${[...checkIds].join(", ")}` });
      });
    });
    const faultIds = new Set<string>();
    const declared = s.faults.flatMap((f, i) => (f.kind === "pick" ? f.of.map((o, j) => ({ id: o.id, path: ["faults", i, "of", j, "id"] })) : [{ id: f.id, path: ["faults", i, "id"] }]));
    for (const { id, path } of declared) {
      if (id === undefined) continue;
      if (faultIds.has(id)) ctx.addIssue({ code: "custom", path, message: `"${id}" is used twice` });
      faultIds.add(id);
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
