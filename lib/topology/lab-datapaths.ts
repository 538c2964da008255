import { topologyBridges, type Bridge, type BridgePort, type Topology } from "../contracts/topology";

export interface LabDatapaths {
  /** The datapath of each bridge, in words: "netdev" for one bridge, "br_a netdev, br_b system", or per host. */
  summary: string;
  /** The lab's DPDK ports, each with the host it is on (null on a one-host lab). */
  dpdkPorts: { host: string | null; port: BridgePort }[];
}

const dpdkOf = (bridge: Bridge | null | undefined) => bridge?.ports.filter((p) => p.dpdk) ?? [];

/**
 * What the Host panel says of the lab's switches: a lab on one host has its bridges; a lab across
 * hosts has none of its own on this host (topology.bridge is null) but a br_int on every host.
 */
export function labDatapaths(topology: Topology | null): LabDatapaths {
  if (!topology) return { summary: "no lab", dpdkPorts: [] };
  if (topology.hosts?.length) {
    const summary = topology.hosts.map((h) => `${h.name}: ${h.bridge ? `${h.bridge.name} ${h.bridge.datapathType}` : "switch not read"}`).join(", ");
    return { summary, dpdkPorts: topology.hosts.flatMap((h) => dpdkOf(h.bridge).map((port) => ({ host: h.name, port }))) };
  }
  const bridges = topologyBridges(topology);
  if (bridges.length === 0) return { summary: "no bridge", dpdkPorts: [] };
  const summary = bridges.length === 1 ? bridges[0].datapathType : bridges.map((b) => `${b.name} ${b.datapathType}`).join(", ");
  return { summary, dpdkPorts: bridges.flatMap((b) => dpdkOf(b).map((port) => ({ host: null, port }))) };
}
