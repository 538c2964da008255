import { z } from "zod";
import type { GraphLayout, SnapshotContent } from "../../lib/snapshots/snapshot-format";
import { deriveLabSpec } from "../../lib/snapshots/derive-spec";
import { describeZodError } from "../../lib/lab-spec/schema";
import { readHostFacts } from "../host/host-facts";
import { LabError } from "../lab/lab-errors";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../lab/host-context";

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
