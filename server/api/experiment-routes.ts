import { experimentRequestSchema } from "../../lib/contracts/experiment-inputs";
import type { ApiRouter } from "./api-router";
import { readJsonBody } from "./http-io";
import type { HostContext } from "../lab/host-context";
import { loadTemplate } from "../lab/templates";
import { LabError } from "../lab/lab-errors";
import { ExperimentRegistry } from "../experiment/experiment-runner";

const registries = new WeakMap<HostContext, ExperimentRegistry>();

/** One registry per server, shared by these routes and the socket. */
export function experimentsOf(ctx: HostContext): ExperimentRegistry {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new ExperimentRegistry()));
  return registry;
}

const EXPERIMENT_ID = /^[0-9a-f-]{36}$/;

/** The seed's A/B experiment: start (answers at once, the table fills in), read, cancel. */
export function addExperimentRoutes(router: ApiRouter, ctx: HostContext): void {
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
    });
}
