import type { OffloadFeature, OffloadState } from "../contracts/offload";
import { topologyBridges, type Bridge, type NetInterface, type Topology } from "../contracts/topology";
import { CONTAINER_IFNAME } from "../lab-spec/names";
import { labSpecSchema, type LabSpec, type LabSpecInput } from "../lab-spec/schema";

/** The features an interface lets change, as a spec states them: `{ tx: false, gro: true, ... }`. */
export function settableOffload(state: OffloadState): Partial<Record<OffloadFeature, boolean>> {
  return Object.fromEntries(Object.entries(state).flatMap(([f, s]) => (s && !s.fixed ? [[f, s.on]] : [])));
}

/** Where an endpoint's link ends on the lab's bridges: its veth's host end, or the DPDK port on its wire. */
function portOfEndpoint(bridges: Bridge[], eth: NetInterface) {
  for (const bridge of bridges)
    for (const port of bridge.ports)
      if (eth.peerId !== null && (port.interfaceId === eth.peerId || port.dpdk?.wireInterfaceId === eth.peerId)) return { bridge, port };
  return null;
}

/**
 * The lab spec that rebuilds a discovered topology: its bridges and the patch links between them,
 * endpoints with their addresses, kinds, bridge, VLAN, MTU, DPDK attachments and offload settings.
 * Version 2's fields appear only where the lab uses them, so a one-bridge lab derives a version-1 spec.
 * Endpoints without an address (stopped) are left out. Not in a topology, so not derived: a bridge's
 * OpenFlow rules and a link's impairment.
 * Throws a zod error when the topology cannot be a lab (no bridge, names that break the spec rules).
 */
export function deriveLabSpec(t: Topology, meta: { title?: string; description?: string } = {}): LabSpec {
  const byId = new Map(t.interfaces.map((i) => [i.id, i]));
  const bridges = topologyBridges(t);
  const first = bridges[0];
  const internal: NetInterface | undefined = first ? byId.get(`host:${first.name}`) : undefined;
  const endpoints: LabSpecInput["endpoints"] = t.endpoints.flatMap((e) => {
    if (e.kind === "host") return [];
    const eth = byId.get(`${e.name}:${CONTAINER_IFNAME}`);
    const address = eth?.addresses[0];
    if (!eth || !address) return [];
    const at = portOfEndpoint(bridges, eth);
    const dpdk = at?.port.dpdk ? at.port : null;
    return [
      {
        name: e.name,
        kind: e.kind,
        address,
        attach: dpdk ? { via: "dpdk" as const, port: dpdk.name } : { via: "veth" as const },
        offload: settableOffload(eth.offload),
        ...(at && at.bridge !== first ? { bridge: at.bridge.name } : {}),
        ...(at?.port.tag !== undefined ? { vlan: at.port.tag } : {}),
        ...(at?.port.trunks?.length ? { trunks: at.port.trunks } : {}),
        ...(eth.mtu !== null && eth.mtu !== 1500 ? { mtu: eth.mtu } : {}),
      },
    ];
  });
  const bridgeSpec = (b: Bridge | undefined, own?: NetInterface) => ({
    name: b?.name ?? "",
    datapath: b?.datapathType === "system" ? ("system" as const) : ("netdev" as const),
    address: own?.addresses[0],
    offload: own ? settableOffload(own.offload) : {},
  });
  const links = t.links.filter((l) => l.kind === "patch").map((l) => ({ kind: "patch" as const, between: [l.a.slice("bridge:".length), l.b.slice("bridge:".length)] as [string, string] }));
  const input: LabSpecInput = {
    id: t.labId,
    bridge: bridgeSpec(first, internal),
    ...(bridges.length > 1 ? { version: 2 as const, otherBridges: bridges.slice(1).map((b) => bridgeSpec(b, byId.get(`host:${b.name}`))) } : {}),
    ...(links.length ? { links } : {}),
    endpoints,
    ...meta,
  };
  return labSpecSchema.parse(input);
}
