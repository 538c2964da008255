import type { MatrixRun } from "../contracts/matrix";
import type { OffloadFeature } from "../contracts/offload";
import type { CellChange, SnapshotDiff } from "./compare-snapshots";

/** What `GET /api/snapshots/compare` answers: the two snapshots named, then their differences. */
export interface SnapshotBrief {
  id: string;
  title: string;
  labId: string;
  createdAt: string;
}
export type SnapshotComparison = { a: SnapshotBrief; b: SnapshotBrief } & SnapshotDiff;

/** What `POST /api/snapshots/:id/restore` answers (the server's RestoreResult, as the browser reads it). */
export interface RestoreOutcome {
  snapshotId: string;
  labId: string;
  offload: { interfaceId: string; changes: Partial<Record<OffloadFeature, boolean>>; error?: string }[];
  run: MatrixRun;
  differences: CellChange[];
  transient: CellChange[];
  matchesSavedRun: boolean | null;
}
