import { z } from "zod";
import type { CheckStatus } from "../scenarios/checks";

export const CLASS_ID_PATTERN = /^[a-z0-9]{3}$/;
export const MAX_STUDENTS = 40;
const STUDENT_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._'-]{0,39}$/u;

/** POST /api/classes: a class of students, each with a lab of the scenario. */
export const classRequestSchema = z
  .object({
    scenario: z.string().min(1).max(40),
    /** How many students, or their names (shown to the teacher, and to each student on their page). */
    students: z.union([
      z.number().int().min(1).max(MAX_STUDENTS),
      z.array(z.string().regex(STUDENT_NAME, "a name: letters, digits, spaces, . _ ' -, 40 at most")).min(1).max(MAX_STUDENTS),
    ]),
    /** The faults each student gets are drawn from this seed and the student's number (default: random). */
    seed: z.string().min(1).max(64).optional(),
    /** An optional countdown shown on every page. */
    minutes: z.number().int().min(1).max(600).optional(),
  })
  .strict();
export type ClassRequest = z.infer<typeof classRequestSchema>;

/** One check of one student, as the teacher's grid shows it. */
export interface GradeCell {
  status: CheckStatus;
  message: string;
  /** When it first passed (it stays recorded if it fails again later). */
  firstPassedAt: string | null;
}

export interface StudentRow {
  index: number;
  name: string;
  labId: string;
  /** The student's personal link (path and query): the teacher hands it out. Only the operator sees it. */
  link: string;
  state: "building" | "ready" | "failed";
  /** Why the lab could not be built, when it could not. */
  error: string | null;
  checks: Record<string, GradeCell>;
  percent: number;
  evaluatedAt: string | null;
}

export interface ClassView {
  classId: string;
  scenario: { id: string; title: string };
  checks: { id: string; title: string }[];
  createdAt: string;
  endsAt: string | null;
  students: StudentRow[];
}

export interface ClassSummary {
  classId: string;
  scenario: string;
  students: number;
  createdAt: string;
  endsAt: string | null;
}

/** What a student's page shows: the steps, which checks pass, never which faults were planted. */
export interface StudentView {
  classId: string;
  name: string;
  labId: string;
  scenario: { id: string; title: string; summary: string };
  steps: { id: string; title: string; body: string; done: boolean; checks: string[] }[];
  checks: { id: string; status: CheckStatus; message: string; firstPassedAt: string | null }[];
  percent: number;
  endsAt: string | null;
  /** The page operations this student may use on their lab. */
  operations: string[];
}
