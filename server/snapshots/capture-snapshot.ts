import { z } from "zod";
import type { Topology } from "../../lib/contracts/topology";
import type { FinishedExperiment } from "../../lib/snapshots/experiment-schema";
import type { GraphLayout, SnapshotContent } from "../../lib/snapshots/snapshot-format";
import { deriveLabSpec } from "../../lib/snapshots/derive-spec";
import { describeZodError, type LabSpec } from "../../lib/lab-spec/schema";
import { readHostFacts } from "../host/host-facts";
import { LabError } from "../lab/lab-errors";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";

/** The lab as it is now: a fresh discovery (offload read from the interfaces), host facts, the last full matrix run. */
export async function captureSnapshot(ctx: HostContext, lab: LabService, layout: GraphLayout = {}): Promise<SnapshotContent> {
  const { topology } = await lab.refresh();
  if (!topology.bridge) throw new LabError("conflict", `lab ${lab.labId} is not up (no bridge); bring it up before saving a snapshot`);
  let spec;
  try {
    spec = deriveLabSpec(topology);
  } catch (err) {
    if (err instanceof z.ZodError) throw new LabError("conflict", `lab ${lab.labId} cannot be described as a lab spec: ${describeZodError(err)}`);
    throw err;
  }
  const host = await readHostFacts(ctx).catch(() => null);
  return { spec, topology, host, matrix: lab.lastRun, layout };
}

/**
 * A finished experiment with the host facts and whatever lab is up beside it. The experiment's own
 * labs are gone by now, so no lab is fine: then there is no spec (nothing to restore) and no matrix.
 */
export async function captureExperimentSnapshot(ctx: HostContext, lab: LabService, experiment: FinishedExperiment): Promise<SnapshotContent> {
  const { topology } = await lab.refresh();
  const spec = topology.bridge ? specOrNull(topology) : null;
  const host = await readHostFacts(ctx).catch(() => null);
  return { spec, topology, host, matrix: spec ? lab.lastRun : null, layout: {}, experiment };
}

function specOrNull(topology: Topology): LabSpec | null {
  try {
    return deriveLabSpec(topology);
  } catch (err) {
    if (err instanceof z.ZodError) return null;
    throw err;
  }
}
