import type { BridgePort, Endpoint, NetInterface, Topology } from "../contracts/topology";

/** A DPDK port on the bridge, the host interface its poll-mode driver sits on, and who is behind it. */
export interface DpdkAttachment {
  port: BridgePort;
  wire: NetInterface | null;
  /** Endpoints whose veth peer is this port's wire (the "server" of the seed). */
  behind: Endpoint[];
}

/** The lab split the way the seed's drawing splits it: what is inside the host, and what is outside. */
export interface ClassifiedTopology {
  host: Endpoint | null;
  /** Endpoints plugged into the bridge by a veth (or not plugged anywhere yet): drawn inside the host. */
  attached: Endpoint[];
  dpdk: DpdkAttachment[];
  interfacesById: Map<string, NetInterface>;
}

/** The far end of an endpoint's veth, if it lives on the host. */
export function hostPeerOf(endpoint: Endpoint, byId: Map<string, NetInterface>): NetInterface | null {
  for (const id of endpoint.interfaceIds) {
    const peerId = byId.get(id)?.peerId;
    const peer = peerId ? byId.get(peerId) : undefined;
    if (peer && peer.owner === "host") return peer;
  }
  return null;
}

const byName = new Intl.Collator("en", { numeric: true });

export function classifyTopology(topology: Topology): ClassifiedTopology {
  const interfacesById = new Map(topology.interfaces.map((i) => [i.id, i]));
  const host = topology.endpoints.find((e) => e.kind === "host") ?? null;
  const dpdk: DpdkAttachment[] = (topology.bridge?.ports ?? [])
    .filter((p) => p.dpdk)
    .map((port) => {
      const wireId = port.dpdk?.wireInterfaceId ?? null;
      return { port, wire: wireId ? interfacesById.get(wireId) ?? null : null, behind: [] };
    });
  const attached: Endpoint[] = [];
  const endpoints = [...topology.endpoints].sort((a, b) => byName.compare(a.name, b.name));
  for (const endpoint of endpoints) {
    if (endpoint.kind === "host") continue;
    const peer = hostPeerOf(endpoint, interfacesById);
    const owner = peer ? dpdk.find((d) => d.wire?.id === peer.id) : undefined;
    if (owner) owner.behind.push(endpoint);
    else if (peer === null && endpoint.kind === "netns" && isBehindDpdkByName(endpoint, dpdk)) dpdk[0].behind.push(endpoint);
    else attached.push(endpoint);
  }
  return { host, attached, dpdk, interfacesById };
}

/** A stopped or half-built netns keeps its place behind the DPDK port when its wire name says so. */
function isBehindDpdkByName(endpoint: Endpoint, dpdk: DpdkAttachment[]): boolean {
  return dpdk.length > 0 && dpdk.some((d) => d.wire?.ifname.endsWith(`-${endpoint.name}`));
}
