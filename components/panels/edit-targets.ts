import type { BridgePort, Endpoint, NetInterface, Topology } from "@/lib/contracts/topology";

export interface EditTargets {
  /** The container or namespace whose address and firewall this interface leads to (never the host's own). */
  endpoint: Endpoint | null;
  /** The bridge port this interface is, or hangs on (its veth's host end, or the DPDK port on its wire). */
  port: BridgePort | null;
  /** The bridge's rules belong with the bridge's side of the lab. */
  showFlows: boolean;
}

/** Which fixes the page offers beside one selected interface. */
export function editTargetsOf(topology: Topology, iface: NetInterface): EditTargets {
  const ports = topology.bridge?.ports ?? [];
  const byInterface = (id: string | null) => (id ? (ports.find((p) => p.interfaceId === id || p.dpdk?.wireInterfaceId === id) ?? null) : null);
  const owner = topology.endpoints.find((e) => e.name === iface.owner && e.kind !== "host") ?? null;
  const endpoint = owner && iface.role === "container-end" ? owner : null;
  const port = iface.role === "container-end" ? byInterface(iface.peerId) : (byInterface(iface.id) ?? (iface.role === "bridge-internal" ? (ports.find((p) => p.name === iface.ifname) ?? null) : null));
  return { endpoint, port, showFlows: iface.owner === "host" };
}
