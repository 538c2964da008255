import { experimentRequestSchema } from "../../lib/contracts/experiment-inputs";
import { saveExperimentSnapshotRequestSchema } from "../../lib/snapshots/snapshot-format";
import type { ApiRouter } from "./api-router";
import { readJsonBody } from "./http-io";
import type { HostContext } from "../host/host-context";
import type { LabService } from "../lab/lab-service";
import { loadTemplate } from "../lab/templates";
import { LabError } from "../lab/lab-errors";
import { ExperimentRegistry } from "../experiment/experiment-runner";
import { captureExperimentSnapshot } from "../snapshots/capture-snapshot";
import type { SnapshotStore } from "../snapshots/snapshot-store";

const registries = new WeakMap<HostContext, ExperimentRegistry>();

/** One registry per server, shared by these routes and the socket. */
export function experimentsOf(ctx: HostContext): ExperimentRegistry {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new ExperimentRegistry()));
  return registry;
}

const EXPERIMENT_ID = /^[0-9a-f-]{36}$/;

/** The seed's A/B experiment: start (answers at once, the table fills in), read, cancel, save the result as a snapshot. */
export function addExperimentRoutes(router: ApiRouter, ctx: HostContext, lab: LabService, store: SnapshotStore): void {
  const experiments = experimentsOf(ctx);
  const find = (id: string) => {
    if (!EXPERIMENT_ID.test(id)) throw new LabError("invalid", "an experiment id is the UUID POST /api/experiments answered with");
    return experiments.get(id);
  };
  router
    .add("POST", "/api/experiments", async ({ req }) => {
      const request = experimentRequestSchema.parse(await readJsonBody(req));
      const seed = await loadTemplate(ctx.config.projectRoot, "seed");
      return experiments.start(ctx, seed, request).state;
    })
    .add("GET", "/api/experiments/:id", async ({ params }) => find(params.id).state)
    .add("POST", "/api/experiments/:id/cancel", async ({ params }) => {
      const run = find(params.id);
      run.cancel();
      return { id: run.id, cancelling: run.running };
    })
    .add("POST", "/api/experiments/:id/snapshot", async ({ req, params }) => {
      const body = saveExperimentSnapshotRequestSchema.parse(await readJsonBody(req));
      const { state } = find(params.id);
      if (state.finishedAt === null) throw new LabError("conflict", `experiment ${state.id} is still running; save it when it has finished`);
      const content = await captureExperimentSnapshot(ctx, lab, { ...state, finishedAt: state.finishedAt });
      const saved = await store.save({ title: body.title, description: body.description, labId: lab.labId, createdAt: new Date() }, content);
      return { id: saved.id };
    });
}
