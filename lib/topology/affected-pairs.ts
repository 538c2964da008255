import { isHostSide, type Topology } from "../contracts/topology";

/** The endpoint whose traffic crosses an interface: its owner, or for a host-side veth end, the endpoint at the other end. */
export function endpointOfInterface(topology: Topology, interfaceId: string): string | null {
  const iface = topology.interfaces.find((i) => i.id === interfaceId);
  if (!iface) return null;
  if (!isHostSide(iface.owner)) return iface.owner;
  if (iface.role === "bridge-internal") return topology.endpoints.find((e) => e.kind === "host")?.name ?? null;
  const peer = iface.peerId ? topology.interfaces.find((i) => i.id === iface.peerId) : undefined;
  return peer && !isHostSide(peer.owner) ? peer.owner : null;
}

/** Every ordered pair a change on this interface can affect: all pairs with its endpoint in them. */
export function affectedPairs(topology: Topology, interfaceId: string): [string, string][] {
  const endpoint = endpointOfInterface(topology, interfaceId);
  if (!endpoint) return [];
  const others = topology.endpoints.filter((e) => e.name !== endpoint && e.state === "running" && e.ipv4).map((e) => e.name);
  return others.flatMap((o): [string, string][] => [
    [endpoint, o],
    [o, endpoint],
  ]);
}
