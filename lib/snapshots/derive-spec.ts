import type { OffloadFeature, OffloadState } from "../contracts/offload";
import type { NetInterface, Topology } from "../contracts/topology";
import { CONTAINER_IFNAME } from "../lab-spec/names";
import { labSpecSchema, type LabSpec, type LabSpecInput } from "../lab-spec/schema";

/** The features an interface lets change, as a spec states them: `{ tx: false, gro: true, ... }`. */
export function settableOffload(state: OffloadState): Partial<Record<OffloadFeature, boolean>> {
  return Object.fromEntries(Object.entries(state).flatMap(([f, s]) => (s && !s.fixed ? [[f, s.on]] : [])));
}

/**
 * The lab spec that rebuilds a discovered topology: bridge, endpoints with their addresses and kinds,
 * DPDK attachments and offload settings. Endpoints without an address (stopped) are left out.
 * Throws a zod error when the topology cannot be a lab (no bridge, names that break the spec rules).
 */
export function deriveLabSpec(t: Topology, meta: { title?: string; description?: string } = {}): LabSpec {
  const byId = new Map(t.interfaces.map((i) => [i.id, i]));
  const internal: NetInterface | undefined = t.bridge ? byId.get(`host:${t.bridge.name}`) : undefined;
  const endpoints: LabSpecInput["endpoints"] = t.endpoints.flatMap((e) => {
    if (e.kind === "host") return [];
    const eth = byId.get(`${e.name}:${CONTAINER_IFNAME}`);
    const address = eth?.addresses[0];
    if (!eth || !address) return [];
    const port = t.bridge?.ports.find((p) => p.dpdk && p.dpdk.wireInterfaceId !== null && p.dpdk.wireInterfaceId === eth.peerId);
    return [
      {
        name: e.name,
        kind: e.kind,
        address,
        attach: port ? { via: "dpdk" as const, port: port.name } : { via: "veth" as const },
        offload: settableOffload(eth.offload),
      },
    ];
  });
  const input: LabSpecInput = {
    id: t.labId,
    bridge: {
      name: t.bridge?.name ?? "",
      datapath: t.bridge?.datapathType === "system" ? "system" : "netdev",
      address: internal?.addresses[0],
      offload: internal ? settableOffload(internal.offload) : {},
    },
    endpoints,
    ...meta,
  };
  return labSpecSchema.parse(input);
}
