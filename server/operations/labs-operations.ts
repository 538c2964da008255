import { z } from "zod";
import type { LabSummary } from "../../lib/contracts/labs";
import type { LabHandle } from "../lab/lab-registry";
import { LabError } from "../lab/lab-errors";
import { defineOperation } from "./operation";
import { noInput } from "./lab-operations";

async function summaryOf(handle: LabHandle, isDefault: boolean, classId: string | null): Promise<LabSummary> {
  const { lab } = handle;
  const topology = await lab.topology().catch(() => null);
  const endpoints = topology?.endpoints ?? [];
  const running = endpoints.filter((e) => e.state === "running").length;
  const run = lab.lastRun;
  const failed = run ? run.results.filter((r) => !r.ok).length : 0;
  const health: LabSummary["health"] = running === 0 ? "down" : !run ? "unknown" : failed > 0 || running < endpoints.length ? "failing" : "ok";
  return {
    labId: lab.labId,
    isDefault,
    bridge: topology?.bridge?.name ?? null,
    endpoints: endpoints.length,
    running,
    health,
    lastRun: run ? { runId: run.runId, finishedAt: run.finishedAt, total: run.total, failed } : null,
    classId,
  };
}

/** Every lab this server hosts, with its health: the lab list page. */
export const labList = defineOperation({
  name: "lab list",
  access: "viewer",
  input: noInput,
  run: async ({ labs }) => ({
    labs: await Promise.all(labs.list().map((h) => summaryOf(h, h.lab.labId === labs.defaultLabId, labs.classOf(h.lab.labId)))),
  }),
});

/** A lab brought down and no longer hosted (the default lab is brought down but stays listed). */
export const labClose = defineOperation({
  name: "lab close",
  access: "operator",
  input: z.object({ labId: z.string().min(1).max(16) }).strict(),
  run: async ({ labs }, { labId }) => {
    const handle = labs.get(labId);
    if (!handle) throw new LabError("notFound", `no lab "${labId}" on this server; labs: ${labs.list().map((h) => h.lab.labId).join(", ") || "none"}`);
    const { removed } = await handle.lab.down();
    labs.close(labId);
    return { labId, removed };
  },
});
