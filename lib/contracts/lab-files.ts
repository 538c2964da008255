import { z } from "zod";
import type { LabSpec } from "../lab-spec/schema";

/**
 * Lab files under `labs/`: the running lab's spec, read; an edited spec, saved as `labs/<name>.yaml`.
 * The name is only ever a name: the server builds the path itself.
 */
export const LAB_FILE_NAME_PATTERN = /^[a-z][a-z0-9-]{0,40}$/;

/** The file every `npm run up` brings up: never written from the page. */
export const PROTECTED_LAB_FILES = ["seed"] as const;

export const labFileNameSchema = z
  .string()
  .regex(LAB_FILE_NAME_PATTERN, "a lower-case letter, then up to 40 lower-case letters, digits or -, e.g. two-bridges")
  .refine((n) => !(PROTECTED_LAB_FILES as readonly string[]).includes(n), { message: "labs/seed.yaml is the seed lab: save under another name" });

/** `POST /api/lab/files`: the spec (checked by the lab schema), the file's name, and whether an existing file may be replaced. */
export const labSaveRequestSchema = z
  .object({
    name: labFileNameSchema,
    spec: z.unknown(),
    overwrite: z.boolean().optional(),
  })
  .strict();
export type LabSaveRequest = z.input<typeof labSaveRequestSchema>;

export interface LabSpecAnswer {
  labId: string;
  spec: LabSpec;
  /** `brought-up`: the spec of the last up through ovs-lab; `discovered`: read back from the running lab (after a server restart). */
  source: "brought-up" | "discovered";
}

export interface LabSaveAnswer {
  name: string;
  /** Relative to the project, e.g. `labs/two-bridges.yaml`. */
  file: string;
  bytes: number;
  replaced: boolean;
}

export const LAB_FILE_OPERATIONS = { spec: "lab spec", save: "lab save", download: "lab download" } as const;
