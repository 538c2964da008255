import type { BridgeSpec, LabSpec } from "./schema";

/**
 * A copy of a lab under another id and /24, so a test or a benchmark can run
 * beside a user's lab: every name and address moves, nothing else changes.
 */
export function retargetSpec(spec: LabSpec, id: string, subnet24: string): LabSpec {
  const moveAddress = (cidr: string) => {
    const [ip, prefix] = cidr.split("/");
    return `${subnet24}.${ip.split(".")[3]}/${prefix}`;
  };
  const others = spec.otherBridges ?? [];
  const bridgeNames = new Map<string, string>([[spec.bridge.name, `${id}_br`], ...others.map((b, i) => [b.name, `${id}_br${i + 2}`] as const)]);
  const renamed = (name: string) => bridgeNames.get(name) ?? name;
  // Rules name addresses and ports of the lab: they move with it.
  const oldSubnet = (spec.bridge.address ?? spec.endpoints[0]?.address ?? "").split(".").slice(0, 3).join(".");
  const moveFlow = (flow: string) =>
    flow
      .replace(new RegExp(`\\b${oldSubnet.replaceAll(".", "\\.")}\\.(?=\\d)`, "g"), `${subnet24}.`)
      .replace(new RegExp(`\\b${spec.id}([-_])`, "g"), `${id}$1`);
  const moveBridge = (b: BridgeSpec): BridgeSpec => ({
    ...b,
    name: renamed(b.name),
    address: b.address ? moveAddress(b.address) : undefined,
    ...(b.flows ? { flows: b.flows.map(moveFlow) } : {}),
  });
  return {
    ...spec,
    id,
    bridge: moveBridge(spec.bridge),
    otherBridges: others.map(moveBridge),
    links: (spec.links ?? []).map((l) => ({ ...l, between: [renamed(l.between[0]), renamed(l.between[1])] })),
    endpoints: spec.endpoints.map((e) => ({
      ...e,
      address: moveAddress(e.address),
      ...(e.bridge ? { bridge: renamed(e.bridge) } : {}),
      attach: e.attach.via === "dpdk" ? { via: "dpdk", port: `${id}_${e.attach.port}`.slice(0, 15) } : e.attach,
    })),
  };
}
