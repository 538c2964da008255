import { readFileSync } from "node:fs";
import path from "node:path";
import type { SnapshotFile } from "./snapshot-format";

/** A snapshot exported from the seed lab (id s2) on a real host: OVS 3.1 userspace + DPDK + Docker. */
export function recordedSnapshot(): SnapshotFile {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures/seed-snapshot-v1.json"), "utf8")) as SnapshotFile;
}
