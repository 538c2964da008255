import { LAB_FILE_OPERATIONS, labSaveRequestSchema, type LabSaveAnswer, type LabSpecAnswer } from "../../lib/contracts/lab-files";
import { labFileName, labSpecToYaml } from "../../lib/lab-editor/lab-yaml";
import { deriveLabSpec } from "../../lib/snapshots/derive-spec";
import { saveLabFile } from "../lab/lab-files";
import { LabError } from "../lab/lab-errors";
import { parseLabSpec } from "../lab/templates";
import type { LabService } from "../lab/lab-service";
import { defineOperation } from "./operation";
import { noInput } from "./lab-operations";

/** The spec of the lab as it runs: the one last brought up here, else read back from the lab itself. */
async function runningSpec(lab: LabService): Promise<LabSpecAnswer> {
  const brought = lab.repairSpec();
  const topology = await lab.topology();
  if (brought && topology.bridge) return { labId: lab.labId, spec: brought, source: "brought-up" };
  if (!topology.bridge) throw new LabError("notFound", `lab ${lab.labId} is not up: no bridge; bring one up (POST /api/lab/up), or start from a new lab in the editor`);
  try {
    return { labId: lab.labId, spec: deriveLabSpec(topology), source: "discovered" };
  } catch (err) {
    throw new LabError("conflict", `lab ${lab.labId} runs, but cannot be read back as a lab spec: ${(err as Error).message.slice(0, 300)}`);
  }
}

export const labSpec = defineOperation({
  name: LAB_FILE_OPERATIONS.spec,
  access: "viewer",
  input: noInput,
  run: ({ lab }) => runningSpec(lab),
});

/** The running lab's spec as a version-2 file, `<lab id>.yaml`. */
export const labDownload = defineOperation({
  name: LAB_FILE_OPERATIONS.download,
  access: "viewer",
  input: noInput,
  run: async ({ lab }) => {
    const { spec } = await runningSpec(lab);
    return { fileName: labFileName(spec), text: labSpecToYaml(spec) };
  },
});

/** An edited spec as `labs/<name>.yaml` (never seed.yaml; an existing file only with `overwrite`). */
export const labSave = defineOperation({
  name: LAB_FILE_OPERATIONS.save,
  access: "operator",
  input: labSaveRequestSchema,
  run: async ({ ctx }, { name, spec, overwrite }): Promise<LabSaveAnswer> => {
    const parsed = parseLabSpec(spec, "spec");
    return { name, ...(await saveLabFile(ctx.config.projectRoot, name, parsed, overwrite ?? false)) };
  },
});
