import { isHostSide, topologyBridges, type Bridge, type BridgePort, type Endpoint, type NetInterface, type Topology } from "../contracts/topology";
import { labNames } from "../lab-spec/names";

/** A DPDK port on a bridge, the host interface its poll-mode driver sits on, and who is behind it. */
export interface DpdkAttachment {
  port: BridgePort;
  /** The bridge that holds the port. */
  bridge: string;
  wire: NetInterface | null;
  /** Endpoints whose veth peer is this port's wire (the "server" of the seed). */
  behind: Endpoint[];
}

/** One bridge and what hangs off it: drawn as one band of the graph. */
export interface BridgeBand {
  /** The bridge's name ("no bridge" for a lab that has none yet). */
  name: string;
  bridge: Bridge | null;
  /** Endpoints whose veth ends on one of this bridge's ports (the first band also takes those plugged nowhere). */
  attached: Endpoint[];
  dpdk: DpdkAttachment[];
}

/** The lab split the way the seed's drawing splits it: what is inside the host, and what is outside. */
export interface ClassifiedTopology {
  host: Endpoint | null;
  /** Endpoints plugged into a bridge by a veth (or not plugged anywhere yet): drawn inside the host. */
  attached: Endpoint[];
  dpdk: DpdkAttachment[];
  /** One per bridge, the lab's first bridge (the host's) first; always at least one. */
  bands: BridgeBand[];
  interfacesById: Map<string, NetInterface>;
}

/** The far end of an endpoint's veth, if it lives on the host (or, in a multi-host lab, on one of its hosts). */
export function hostPeerOf(endpoint: Endpoint, byId: Map<string, NetInterface>): NetInterface | null {
  for (const id of endpoint.interfaceIds) {
    const peerId = byId.get(id)?.peerId;
    const peer = peerId ? byId.get(peerId) : undefined;
    if (peer && isHostSide(peer.owner)) return peer;
  }
  return null;
}

/** The bridge port an endpoint's veth ends on: by its host end's name, else by the name ovs-lab gives it. */
export function bridgePortOf(endpoint: Endpoint, peer: NetInterface | null, bridges: readonly Bridge[], labId: string): { bridge: Bridge; port: BridgePort } | null {
  for (const name of [peer?.ifname, labNames.hostVeth(labId, endpoint.name)]) {
    if (!name) continue;
    for (const bridge of bridges) {
      const port = bridge.ports.find((p) => p.name === name);
      if (port) return { bridge, port };
    }
  }
  return null;
}

const byName = new Intl.Collator("en", { numeric: true });

export function classifyTopology(topology: Topology): ClassifiedTopology {
  const interfacesById = new Map(topology.interfaces.map((i) => [i.id, i]));
  const host = topology.endpoints.find((e) => e.kind === "host") ?? null;
  const bridges = topologyBridges(topology);
  const bands: BridgeBand[] = (bridges.length ? bridges : [null]).map((bridge) => ({
    name: bridge?.name ?? "no bridge",
    bridge,
    attached: [],
    dpdk: (bridge?.ports ?? [])
      .filter((p) => p.dpdk)
      .map((port) => {
        const wireId = port.dpdk?.wireInterfaceId ?? null;
        return { port, bridge: bridge!.name, wire: wireId ? interfacesById.get(wireId) ?? null : null, behind: [] };
      }),
  }));
  const dpdk = bands.flatMap((b) => b.dpdk);
  const attached: Endpoint[] = [];
  const endpoints = [...topology.endpoints].sort((a, b) => byName.compare(a.name, b.name));
  for (const endpoint of endpoints) {
    if (endpoint.kind === "host") continue;
    const peer = hostPeerOf(endpoint, interfacesById);
    const owner = peer ? dpdk.find((d) => d.wire?.id === peer.id) : undefined;
    if (owner) owner.behind.push(endpoint);
    else if (peer === null && endpoint.kind === "netns" && behindDpdkByName(endpoint, dpdk)) behindDpdkByName(endpoint, dpdk)!.behind.push(endpoint);
    else {
      attached.push(endpoint);
      const on = bridgePortOf(endpoint, peer, bridges, topology.labId)?.bridge.name;
      (bands.find((b) => b.name === on) ?? bands[0]).attached.push(endpoint);
    }
  }
  return { host, attached, dpdk, bands, interfacesById };
}

/** A stopped or half-built netns keeps its place behind its DPDK port when the port's wire name says so. */
function behindDpdkByName(endpoint: Endpoint, dpdk: DpdkAttachment[]): DpdkAttachment | undefined {
  return dpdk.find((d) => d.wire?.ifname.endsWith(`-${endpoint.name}`));
}
