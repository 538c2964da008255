import { z } from "zod";
import { experimentRequestSchema } from "../../lib/contracts/experiment-inputs";
import { saveExperimentSnapshotRequestSchema } from "../../lib/snapshots/snapshot-format";
import { loadTemplate } from "../lab/templates";
import { LabError } from "../lab/lab-errors";
import { captureExperimentSnapshot } from "../snapshots/capture-snapshot";
import { defineOperation } from "./operation";

const experimentId = z.string().regex(/^[0-9a-f-]{36}$/, "an experiment id: the UUID the experiment was started with");

export const experimentStart = defineOperation({
  name: "experiment start",
  access: "operator",
  input: experimentRequestSchema,
  run: async ({ ctx, experiments }, request) => experiments.start(ctx, await loadTemplate(ctx.config.projectRoot, "seed"), request).state,
});

export const experimentGet = defineOperation({
  name: "experiment",
  access: "viewer",
  input: z.object({ id: experimentId }).strict(),
  run: ({ experiments }, { id }) => experiments.get(id).state,
});

export const experimentCancel = defineOperation({
  name: "experiment cancel",
  access: "operator",
  input: z.object({ id: experimentId }).strict(),
  run: ({ experiments }, { id }) => {
    const run = experiments.get(id);
    run.cancel();
    return { id: run.id, cancelling: run.running };
  },
});

export const experimentSave = defineOperation({
  name: "experiment save",
  access: "operator",
  input: z.object({ id: experimentId, meta: saveExperimentSnapshotRequestSchema }).strict(),
  run: async ({ ctx, lab, experiments, snapshots }, { id, meta }) => {
    const { state } = experiments.get(id);
    if (state.finishedAt === null) throw new LabError("conflict", `experiment ${state.id} is still running; save it when it has finished`);
    const content = await captureExperimentSnapshot(ctx, lab, { ...state, finishedAt: state.finishedAt });
    const saved = await snapshots.save({ title: meta.title, description: meta.description, labId: lab.labId, createdAt: new Date() }, content);
    return { id: saved.id };
  },
});
