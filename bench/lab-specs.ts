import { readFileSync } from "node:fs";
import path from "node:path";
import { parseLabYaml } from "../server/lab/templates";
import { retargetSpec } from "../lib/lab-spec/retarget";
import type { LabSpec } from "../lib/lab-spec/schema";

export const projectRoot = path.resolve(import.meta.dirname, "..");

export function seedBenchSpec(id: string, subnet24: string): LabSpec {
  return retargetSpec(parseLabYaml(readFileSync(path.join(projectRoot, "labs/seed.yaml"), "utf8"), "seed"), id, subnet24);
}

/** N containers on one userspace bridge with no address of its own: N endpoints, N*(N-1) ordered pairs. */
export function containersBenchSpec(id: string, subnet24: string, count: number): LabSpec {
  return {
    id,
    title: `${count} containers`,
    description: "benchmark lab",
    bridge: { name: `${id}_br`, datapath: "netdev", offload: {} },
    endpoints: Array.from({ length: count }, (_, i) => ({
      name: `c${i + 1}`,
      kind: "container" as const,
      address: `${subnet24}.${i + 11}/24`,
      attach: { via: "veth" as const },
      offload: {},
    })),
  };
}
