import { z } from "zod";
import { describeZodError, LAB_ID_PATTERN, labSpecSchema } from "../lab-spec/schema";
import { hostFactsSchema, matrixRunSchema, topologySchema } from "./topology-schema";
import { finishedExperimentSchema } from "./experiment-schema";

/**
 * The export file: `{ "format": "ovs-lab-snapshot", "version": 1, ... }`. A new optional key keeps the
 * version (every older file stays valid; an older server refuses a file that uses it, naming the key);
 * any other change of shape bumps it.
 */
export const SNAPSHOT_FORMAT = "ovs-lab-snapshot";
export const SNAPSHOT_VERSION = 1;
/** The largest export file import accepts (and the largest snapshot a save makes). */
export const MAX_SNAPSHOT_BYTES = 2 * 1024 * 1024;
export const SNAPSHOT_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

const MAX_LAYOUT_NODES = 4096;
export const layoutSchema = z
  .record(z.string().min(1).max(256), z.object({ x: z.number().finite(), y: z.number().finite() }).strict())
  .refine((l) => Object.keys(l).length <= MAX_LAYOUT_NODES, { message: `at most ${MAX_LAYOUT_NODES} node positions` });
export type GraphLayout = z.infer<typeof layoutSchema>;

/** What a snapshot holds besides its title: stored as one JSON document. */
const contentShape = {
  /** The lab as a spec, derived from the live topology at save time (what restore builds); null only beside an experiment saved with no lab up. */
  spec: labSpecSchema.nullable(),
  topology: topologySchema,
  host: hostFactsSchema.nullable(),
  matrix: matrixRunSchema.nullable(),
  layout: layoutSchema.default({}),
  /** A finished A/B experiment, when the snapshot was saved from one (added in version 1, optional). */
  experiment: finishedExperimentSchema.optional(),
};

/** A snapshot is of a lab, or of an experiment (with whatever lab was up beside it). */
function labOrExperiment(s: { spec: unknown; experiment?: unknown }, ctx: z.RefinementCtx): void {
  if (s.spec === null && s.experiment === undefined) ctx.addIssue({ code: "custom", path: ["spec"], message: "a snapshot without an experiment needs the lab's spec" });
}

export const snapshotContentSchema = z.object(contentShape).strict().superRefine(labOrExperiment);
export type SnapshotContent = z.infer<typeof snapshotContentSchema>;

const metaShape = {
  title: z.string().trim().min(1, "a title is required").max(200),
  description: z.string().max(4000).default(""),
  labId: z.string().regex(LAB_ID_PATTERN, "a lab id: a lower-case letter, then up to 5 lower-case letters or digits"),
  createdAt: z.iso.datetime({ offset: true }),
};

export const snapshotFileSchema = z
  .object({
    format: z.literal(SNAPSHOT_FORMAT),
    version: z.literal(SNAPSHOT_VERSION),
    ...metaShape,
    ...contentShape,
  })
  .strict()
  .superRefine(labOrExperiment);
export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

export interface SnapshotSummary {
  id: string;
  title: string;
  description: string;
  labId: string;
  createdAt: string;
  formatVersion: number;
}
export type Snapshot = SnapshotSummary & SnapshotContent;

export const saveSnapshotRequestSchema = z
  .object({ title: metaShape.title, description: metaShape.description, layout: layoutSchema.optional() })
  .strict();

/** `POST /api/experiments/:id/snapshot`: the finished experiment is saved with the lab as it is now (if any). */
export const saveExperimentSnapshotRequestSchema = z.object({ title: metaShape.title, description: metaShape.description }).strict();

export const restoreRequestSchema = z
  .object({
    timeoutMs: z.number().int().min(20).max(10_000).optional(),
    /** Move every address to this /24 (three octets, e.g. "10.77.21") when the lab id changes. */
    subnet: z.string().regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, 'three octets of a /24, e.g. "10.77.21"').optional(),
  })
  .strict();

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Checks an import: the format and version first (so an old or foreign file says so), then every field. */
export function parseSnapshotFile(input: unknown): ParseResult<SnapshotFile> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, error: "(root): a snapshot file is a JSON object" };
  const head = input as Record<string, unknown>;
  if (head.format !== SNAPSHOT_FORMAT) return { ok: false, error: `format: expected "${SNAPSHOT_FORMAT}", found ${JSON.stringify(head.format) ?? "nothing"}` };
  if (head.version !== SNAPSHOT_VERSION)
    return { ok: false, error: `version: this server reads version ${SNAPSHOT_VERSION} files; this file says ${JSON.stringify(head.version) ?? "nothing"}` };
  const parsed = snapshotFileSchema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: describeZodError(parsed.error) };
}

export function toSnapshotFile(s: Snapshot): SnapshotFile {
  const { id: _id, formatVersion: _v, ...rest } = s;
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, ...rest };
}
