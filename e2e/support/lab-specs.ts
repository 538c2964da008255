import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseLabYaml } from "../../server/lab/templates";
import { retargetSpec } from "../../lib/lab-spec/retarget";
import type { LabSpec } from "../../lib/lab-spec/schema";

/** The seed lab under another id and /24, so tests never touch a user's lab. */
export async function seedSpecFor(labId: string, subnet24: string, projectRoot = process.cwd()): Promise<LabSpec> {
  const text = await readFile(path.join(projectRoot, "labs", "seed.yaml"), "utf8");
  return retargetSpec(parseLabYaml(text, "labs/seed.yaml"), labId, subnet24);
}
