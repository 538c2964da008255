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

/** A lab of `count` containers on one bridge, no DPDK port: the layout and render benchmark. */
export function containerLabSpec(labId: string, subnet24: string, count: number): LabSpec {
  return {
    id: labId,
    title: `${count} containers`,
    description: "",
    bridge: { name: `${labId}_br`, datapath: "netdev", address: `${subnet24}.1/24`, offload: {} },
    endpoints: Array.from({ length: count }, (_, i) => ({
      name: `c${i + 1}`,
      kind: "container" as const,
      address: `${subnet24}.${i + 11}/24`,
      attach: { via: "veth" as const },
      offload: {},
    })),
  };
}
