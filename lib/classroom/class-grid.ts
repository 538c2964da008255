import type { ClassView, StudentRow } from "../contracts/classroom";
import type { CheckStatus } from "../scenarios/checks";
import { sinceStart } from "./countdown";

/** One square of the teacher's grid: a student's check. */
export interface GridCell {
  checkId: string;
  status: CheckStatus;
  /** What the hover says: the check's message, and when it first passed. */
  detail: string;
  /** "3 min 20 s" after the class started, when it first passed (it stays if it fails again). */
  firstPassed: string | null;
}

export interface GridRow {
  index: number;
  name: string;
  labId: string;
  link: string;
  state: StudentRow["state"];
  /** What the row says instead of squares while the lab is not ready. */
  note: string | null;
  percent: number;
  cells: GridCell[];
}

export interface ClassGrid {
  columns: { id: string; title: string; passed: number }[];
  rows: GridRow[];
  /** Students whose every check passes. */
  finished: number;
}

const NOTES: Record<StudentRow["state"], string | null> = { building: "lab being built…", ready: null, failed: "the lab could not be built" };

/** The grid the class page draws: students × checks, from the view the server sends on every change. */
export function classGrid(view: ClassView): ClassGrid {
  const rows = view.students.map((s): GridRow => {
    const cells = view.checks.map((c): GridCell => {
      const grade = s.checks[c.id];
      const status = grade?.status ?? "pending";
      const firstPassed = sinceStart(view.createdAt, grade?.firstPassedAt ?? null);
      const message = grade?.message || (s.state === "ready" ? "not judged yet" : (NOTES[s.state] ?? ""));
      const detail = [`${c.title}: ${status}`, message, firstPassed && `first passed ${firstPassed} after the start`].filter(Boolean).join(" · ");
      return { checkId: c.id, status, detail, firstPassed };
    });
    const note = s.state === "failed" && s.error ? `${NOTES.failed}: ${s.error}` : NOTES[s.state];
    return { index: s.index, name: s.name, labId: s.labId, link: s.link, state: s.state, note, percent: s.percent, cells };
  });
  const columns = view.checks.map((c, i) => ({ id: c.id, title: c.title, passed: rows.filter((r) => r.cells[i].status === "passed").length }));
  const finished = rows.filter((r) => r.cells.length > 0 && r.cells.every((c) => c.status === "passed")).length;
  return { columns, rows, finished };
}

/** The link a teacher hands out, absolute for this page's origin. */
export function absoluteLink(origin: string, link: string): string {
  return new URL(link, origin).toString();
}

/** The teacher's read-only look at a student's lab. */
export function viewerLink(labId: string): string {
  return `/labs/${encodeURIComponent(labId)}?view=viewer`;
}
