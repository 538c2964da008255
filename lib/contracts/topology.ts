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
  /** The VLANs a trunk port carries; absent: every VLAN. */
  trunks?: number[];
  /** For a patch port: the port it is patched to, and that port's bridge. */
  patch?: { peerPort: string; peerBridge: string | null };
  /** For DPDK ports: the devargs and the kernel interface the poll-mode driver sits on. */
  dpdk?: { devargs: string; driver: string | null; wireInterfaceId: string | null };
}

export interface Bridge {
  name: string;
  datapathType: string;
  ports: BridgePort[];
}

export type LinkKind = "veth" | "bridge-port" | "dpdk-wire" | "patch" | "tunnel";

export interface TopologyLink {
  id: string;
  kind: LinkKind;
  a: string;
  b: string;
  /** A tunnel between two hosts' integration bridges: its encapsulation and the underlay addresses at a and b. */
  tunnel?: { encapsulation: "geneve"; local: string; remote: string };
}

/** The owner of an interface inside a simulated host's namespace (a multi-host lab): `host:<name>`. */
export const hostSideOwner = (host: string) => `host:${host}`;
/** An interface on the host side of a link: the lab host's root namespace, or one host of a multi-host lab. */
export const isHostSide = (owner: string) => owner === "host" || owner.startsWith("host:");
/** The bridge id a multi-host lab's host bridge has in links and in the graph: `bridge:<host>/<bridge>`. */
export const hostBridgeKey = (host: string, bridge: string) => `${host}/${bridge}`;

/** A host of a multi-host (OVN) lab, as its OVSDB says (server/multihost/read-hosts.ts). */
export interface LabHost {
  name: string;
  /** Its underlay address (ovn-encap-ip), where its tunnels end. */
  underlay: string;
  /** Its OVN chassis name (external_ids:system-id). */
  chassis: string;
  /** The tunnel ports ovn-controller made on its br_int, one per other host. */
  tunnels: { remote: string; kind: "geneve"; port: string }[];
  /** The endpoints whose veths end on its br_int. */
  endpoints: string[];
  /** Its integration bridge (br_int) with its ports, read from its own OVSDB (absent in a topology saved before). */
  bridge?: Bridge | null;
  /** Where ovs-lab read its OVSDB: `tcp:IP:6640` (over the underlay, as a real host's) or `unix:PATH` (absent before). */
  ovsdb?: string;
  /** Whether each of its daemons runs (absent in a topology saved before they were read). */
  daemons?: Record<HostDaemonName, boolean>;
}

/** One network of a multi-host lab with a router: its logical switch, the router's address and MAC there, its endpoints. */
export interface OvnNetwork {
  switch: string;
  cidr: string;
  gateway: string;
  gatewayMac: string;
  endpoints: string[];
}

/** The daemons ovs-lab runs on each simulated host of a multi-host lab. */
export const HOST_DAEMON_NAMES = ["ovsdb-server", "ovs-vswitchd", "ovn-controller"] as const;
export type HostDaemonName = (typeof HOST_DAEMON_NAMES)[number];

export interface Topology {
  labId: string;
  /** The lab's first bridge (the host endpoint's); null when the lab has none. */
  bridge: Bridge | null;
  /**
   * Every bridge of the lab, the first first (lab format version 2 may have several). Discovery
   * always fills it; a snapshot saved before version 2 has only `bridge`: read it with topologyBridges().
   */
  bridges?: Bridge[];
  /** A multi-host lab's hosts (absent for a lab on one host). */
  hosts?: LabHost[];
  /** What a multi-host lab is in OVN: its logical switch's name. */
  ovn?: {
    logicalSwitch: string;
    /** A lab over several networks: the logical router joining them, and each network's switch, gateway and endpoints. */
    router?: { name: string; networks: OvnNetwork[] };
  };
  endpoints: Endpoint[];
  interfaces: NetInterface[];
  links: TopologyLink[];
  discoveredAt: string;
}

/** Every bridge of a topology, including one saved before `bridges` existed. */
export function topologyBridges(t: Pick<Topology, "bridge" | "bridges">): Bridge[] {
  return t.bridges ?? (t.bridge ? [t.bridge] : []);
}
