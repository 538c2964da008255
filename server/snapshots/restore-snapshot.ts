import { cellKey, PROTOCOLS, type MatrixRun, type ProbeResult } from "../../lib/contracts/matrix";
import type { OffloadFeature } from "../../lib/contracts/offload";
import type { Topology } from "../../lib/contracts/topology";
import type { LabSpec } from "../../lib/lab-spec/schema";
import type { Snapshot } from "../../lib/snapshots/snapshot-format";
import { diffMatrixCells, type CellChange } from "../../lib/snapshots/compare-snapshots";
import { mapInterfaceId, retargetSnapshotSpec } from "../../lib/snapshots/retarget-snapshot";
import type { LabService } from "../lab/lab-service";
import { LabError } from "../lab/lab-errors";

export interface OffloadRestore {
  interfaceId: string;
  changes: Partial<Record<OffloadFeature, boolean>>;
  /** Why it was not applied (interface gone, feature fixed, ethtool refused). */
  error?: string;
}

export interface RestoreResult {
  snapshotId: string;
  labId: string;
  spec: LabSpec;
  offload: OffloadRestore[];
  run: MatrixRun;
  /** Cells whose live outcome differs from the saved run (a = saved, b = live), confirmed by a second probe. */
  differences: CellChange[];
  /** Cells that differed on the first live probe but agreed with the saved run when probed again. */
  transient: CellChange[];
  matchesSavedRun: boolean | null;
}

/** Each saved interface's features that the live one has otherwise and lets change. */
function offloadPlan(saved: Topology, live: Topology): OffloadRestore[] {
  const from = { labId: saved.labId, bridge: saved.bridge?.name ?? "" };
  const to = { labId: live.labId, bridge: live.bridge?.name ?? "" };
  const liveById = new Map(live.interfaces.map((i) => [i.id, i]));
  return saved.interfaces.flatMap((s) => {
    const interfaceId = mapInterfaceId(s.id, from, to);
    const now = liveById.get(interfaceId);
    if (!now) return [{ interfaceId, changes: {}, error: "not in the restored lab" }];
    const changes = Object.fromEntries(
      Object.entries(s.offload).flatMap(([f, want]) => {
        const have = now.offload[f as OffloadFeature];
        return want && have && have.on !== want.on && !have.fixed ? [[f, want.on]] : [];
      }),
    );
    return Object.keys(changes).length ? [{ interfaceId, changes }] : [];
  });
}

/** Probes the differing cells once more, so one lost datagram is not reported as a changed lab. */
async function confirmDifferences(lab: LabService, saved: ProbeResult[], run: MatrixRun, timeoutMs: number) {
  const first = diffMatrixCells(saved, run.results);
  if (first.length === 0) return { differences: first, transient: [] };
  const again = await lab.runMatrix([...new Set(first.map((c) => c.protocol))], timeoutMs, new Set(first.map((c) => `${c.from}>${c.to}`)));
  const okAgain = new Map(again.results.map((r) => [cellKey(r.from, r.to, r.protocol), r.ok]));
  const confirmed = (c: CellChange) => okAgain.get(cellKey(c.from, c.to, c.protocol)) !== c.a;
  return { differences: first.filter(confirmed), transient: first.filter((c) => !confirmed(c)) };
}

/**
 * Rebuilds the lab a snapshot describes under this server's lab id (lab engine `up`), sets every
 * interface's offload back to the saved state, runs the matrix and compares it with the saved run.
 */
export async function restoreSnapshot(
  lab: LabService,
  snapshot: Snapshot,
  options: { timeoutMs: number; subnet?: string },
): Promise<RestoreResult> {
  if (!snapshot.spec) throw new LabError("conflict", `snapshot ${snapshot.id} holds an experiment saved with no lab up: there is no lab to restore`);
  const spec = retargetSnapshotSpec(snapshot.spec, lab.labId, options.subnet);
  const live = await lab.up(spec);
  const offload = offloadPlan(snapshot.topology, live);
  for (const step of offload.filter((o) => !o.error)) {
    await lab.setOffload(step.interfaceId, step.changes).catch((err: unknown) => {
      step.error = err instanceof Error ? err.message : String(err);
    });
  }
  const protocols = snapshot.matrix?.protocols.length ? snapshot.matrix.protocols : [...PROTOCOLS];
  const run = await lab.runMatrix(protocols, options.timeoutMs);
  const { differences, transient } = snapshot.matrix
    ? await confirmDifferences(lab, snapshot.matrix.results, run, options.timeoutMs)
    : { differences: [], transient: [] };
  return {
    snapshotId: snapshot.id,
    labId: lab.labId,
    spec,
    offload,
    run,
    differences,
    transient,
    matchesSavedRun: snapshot.matrix ? differences.length === 0 : null,
  };
}
