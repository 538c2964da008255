import type { ServerConfig } from "../config/env";
import { LabError } from "../lab/lab-errors";

export type SnapshotLimits = Pick<ServerConfig, "snapshotMaxCount" | "snapshotMaxBytes">;
export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { snapshotMaxCount: 500, snapshotMaxBytes: 200 * 1024 * 1024 };

export interface SnapshotUsage {
  count: number;
  /** The stored documents' size in bytes. */
  bytes: number;
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** Throws the store-full error (507) when one more document of `adding` bytes would pass a limit. */
export function checkRoom(usage: SnapshotUsage, adding: number, limits: SnapshotLimits): void {
  const tooMany = usage.count + 1 > limits.snapshotMaxCount;
  const tooBig = usage.bytes + adding > limits.snapshotMaxBytes;
  if (!tooMany && !tooBig) return;
  const what = tooMany
    ? `it holds ${usage.count} snapshots, the most it keeps (OVSLAB_SNAPSHOT_MAX_COUNT=${limits.snapshotMaxCount})`
    : `it holds ${mib(usage.bytes)} and this snapshot needs ${mib(adding)} more, over ${mib(limits.snapshotMaxBytes)} (OVSLAB_SNAPSHOT_MAX_BYTES=${limits.snapshotMaxBytes})`;
  throw new LabError("storageFull", `the snapshot store is full: ${what}. Delete snapshots to make room (on /snapshots, or DELETE /api/snapshots/:id); nothing was stored`);
}
