import type { OffloadState } from "./offload";

export type EndpointKind = "host" | "container" | "netns";
export type EndpointState = "running" | "stopped" | "missing";

export interface Endpoint {
  /** The lab's name for it: host, c1, c2, server. */
  name: string;
  kind: EndpointKind;
  state: EndpointState;
  /** IPv4 address without prefix, used for probes; null when it has none. */
  ipv4: string | null;
  /** Docker container name, netns name, or "root" for the host. */
  runtimeName: string;
  interfaceIds: string[];
}

export type InterfaceRole = "container-end" | "bridge-port" | "bridge-internal" | "dpdk-wire" | "other";

export interface InterfaceCounters {
  rxPackets: number;
  txPackets: number;
  rxDropped: number;
  txDropped: number;
  rxErrors: number;
  txErrors: number;
}

export interface NetInterface {
  /** `<owner>:<ifname>`, e.g. `c1:eth0` or `host:seed-c1`. */
  id: string;
  owner: string;
  ifname: string;
  role: InterfaceRole;
  kind: string;
  mac: string | null;
  mtu: number | null;
  up: boolean;
  addresses: string[];
  peerId: string | null;
  offload: OffloadState;
  counters: InterfaceCounters | null;
}

export interface BridgePort {
  name: string;
  type: string;
  /** The kernel interface id behind this port, when there is one. */
  interfaceId: string | null;
  ofport: number | null;
  linkState: string | null;
  error: string | null;
  /** The port's VLAN tag (an access port); absent when the port is untagged (a trunk of every VLAN). */
  tag?: number;
  /** For DPDK ports: the devargs and the kernel interface the poll-mode driver sits on. */
  dpdk?: { devargs: string; driver: string | null; wireInterfaceId: string | null };
}

export interface Bridge {
  name: string;
  datapathType: string;
  ports: BridgePort[];
}

export type LinkKind = "veth" | "bridge-port" | "dpdk-wire";

export interface TopologyLink {
  id: string;
  kind: LinkKind;
  a: string;
  b: string;
}

export interface Topology {
  labId: string;
  bridge: Bridge | null;
  endpoints: Endpoint[];
  interfaces: NetInterface[];
  links: TopologyLink[];
  discoveredAt: string;
}
