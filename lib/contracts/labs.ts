/** One lab the server hosts, as the lab list shows it: GET /api/labs. */
export interface LabSummary {
  labId: string;
  /** The lab the single-lab routes and a page without a lab id mean. */
  isDefault: boolean;
  bridge: string | null;
  endpoints: number;
  running: number;
  /** ok: every endpoint runs and the last full run passed; failing: it had failures; down: nothing runs; unknown: never tested. */
  health: "ok" | "failing" | "down" | "unknown";
  lastRun: { runId: string; finishedAt: string | null; total: number; failed: number } | null;
  /** The class this lab belongs to, for a student's lab. */
  classId: string | null;
}

/** The path of a lab-scoped route for one lab: `/api/topology` -> `/api/labs/<labId>/topology`. */
export function labScopedPath(labId: string, path: string): string {
  if (!path.startsWith("/api/")) throw new Error(`not an API path: ${path}`);
  return `/api/labs/${encodeURIComponent(labId)}/${path.slice("/api/".length)}`;
}
