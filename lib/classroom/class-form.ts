import { classRequestSchema, MAX_STUDENTS, type ClassRequest } from "../contracts/classroom";
import { describeZodError } from "../lab-spec/schema";

/** The class form as typed: students by number or by names (one a line), seed and minutes optional. */
export interface ClassForm {
  scenario: string;
  mode: "count" | "names";
  count: string;
  names: string;
  seed: string;
  minutes: string;
}

export const EMPTY_CLASS_FORM: ClassForm = { scenario: "", mode: "count", count: "4", names: "", seed: "", minutes: "" };

/** The request the form makes, or what is wrong with it in words (the server checks it again). */
export function classRequestOf(form: ClassForm): { ok: true; request: ClassRequest } | { ok: false; error: string } {
  if (!form.scenario) return { ok: false, error: "choose a scenario" };
  const names = form.names.split(/\r?\n/).map((n) => n.trim()).filter(Boolean);
  if (form.mode === "names" && names.length === 0) return { ok: false, error: "write the students' names, one a line" };
  if (form.mode === "count" && !/^\d+$/.test(form.count.trim())) return { ok: false, error: `how many students: a whole number from 1 to ${MAX_STUDENTS}` };
  if (form.minutes.trim() && !/^\d+$/.test(form.minutes.trim())) return { ok: false, error: "minutes: a whole number, or nothing for no countdown" };
  const candidate = {
    scenario: form.scenario,
    students: form.mode === "names" ? names : Number(form.count.trim()),
    ...(form.seed.trim() ? { seed: form.seed.trim() } : {}),
    ...(form.minutes.trim() ? { minutes: Number(form.minutes.trim()) } : {}),
  };
  const parsed = classRequestSchema.safeParse(candidate);
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, error: describeZodError(parsed.error) };
}
