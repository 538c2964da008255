import { readFileSync } from "node:fs";
import path from "node:path";
import { retargetSpec } from "../../lib/lab-spec/retarget";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { parseLabYaml } from "./templates";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/** The seed lab under another id and /24: how tests and benchmarks run beside a user's lab. */
export function seedLabAs(labId: string, subnet24: string): LabSpec {
  const file = path.join(projectRoot, "labs/seed.yaml");
  return retargetSpec(parseLabYaml(readFileSync(file, "utf8"), "labs/seed.yaml"), labId, subnet24);
}

/** `count` containers on one userspace bridge, no DPDK port; with no bridge address there is no host endpoint. */
export function containersLab(labId: string, subnet24: string, count: number, options: { hostEndpoint?: boolean } = {}): LabSpec {
  return {
    id: labId,
    title: `${count} containers`,
    description: "",
    bridge: {
      name: `${labId}_br`,
      datapath: "netdev",
      ...(options.hostEndpoint ? { address: `${subnet24}.1/24` } : {}),
      offload: {},
    },
    endpoints: Array.from({ length: count }, (_, i) => ({
      name: `c${i + 1}`,
      kind: "container" as const,
      address: `${subnet24}.${i + 11}/24`,
      attach: { via: "veth" as const },
      offload: {},
    })),
  };
}

/** labs/two-hosts-ovn.yaml under another id, endpoint /24 and underlay /24 (c1, c2 on host a; c3 and the DPDK server on b). */
export function twoHostsLabAs(labId: string, subnet24: string, underlay24: string): LabSpec {
  const text = readFileSync(path.join(projectRoot, "labs/two-hosts-ovn.yaml"), "utf8")
    .replace(/^id: twoh$/m, `id: ${labId}`)
    .replaceAll("10.55.67.", `${underlay24}.`)
    .replaceAll("10.55.68.", `${subnet24}.`);
  return parseLabYaml(text, "labs/two-hosts-ovn.yaml");
}
