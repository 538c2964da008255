import type { ClassView } from "../contracts/classroom";

/** A spreadsheet cell: quoted when it holds a separator, a quote or a line break; a leading =+-@ is defused. */
function cell(value: string | number | null): string {
  let text = value === null ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The class's results at the end: one row per student, per check whether it passed and when it first did. */
export function classResultsCsv(view: ClassView): string {
  const header = ["student", "name", "lab", "percent", ...view.checks.flatMap((c) => [`${c.id}`, `${c.id} first passed`])];
  const rows = view.students.map((s) => [
    s.index,
    s.name,
    s.labId,
    s.percent,
    ...view.checks.flatMap((c) => {
      const grade = s.checks[c.id];
      return [grade?.status ?? "pending", grade?.firstPassedAt ?? null];
    }),
  ]);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
