import type { LabSpec } from "./schema";

/**
 * A copy of a lab under another id and /24, so a test or a benchmark can run
 * beside a user's lab: every name and address moves, nothing else changes.
 */
export function retargetSpec(spec: LabSpec, id: string, subnet24: string): LabSpec {
  const moveAddress = (cidr: string) => {
    const [ip, prefix] = cidr.split("/");
    return `${subnet24}.${ip.split(".")[3]}/${prefix}`;
  };
  return {
    ...spec,
    id,
    bridge: {
      ...spec.bridge,
      name: `${id}_br`,
      address: spec.bridge.address ? moveAddress(spec.bridge.address) : undefined,
    },
    endpoints: spec.endpoints.map((e) => ({
      ...e,
      address: moveAddress(e.address),
      attach: e.attach.via === "dpdk" ? { via: "dpdk", port: `${id}_${e.attach.port}`.slice(0, 15) } : e.attach,
    })),
  };
}
