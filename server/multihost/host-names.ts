import path from "node:path";
import { netnsOfName } from "../netns/ip-links";

/**
 * Every object of a multi-host lab is named from its lab id (and host), so labs never collide.
 * Host namespaces start "ovshost-", never "ovslab-<lab>-": discovery takes those for endpoints.
 * Interface names stay within 15 characters: lab id ≤ 6, host ≤ 6.
 */
export const hostNames = {
  netns: (labId: string, host: string) => `ovshost-${labId}-${host}`,
  /** Where the host's ovsdb-server, ovs-vswitchd and ovn-controller keep database, sockets, pid files and logs. */
  runDir: (labId: string, host: string) => path.join(LAB_RUN_ROOT, labId, host),
  /** The root namespace's end of the host's underlay veth, a port of the underlay bridge ("_": no endpoint veth is named so). */
  underlayRootEnd: (labId: string, host: string) => `${labId}_u${host}`,
  /** The underlay bridge in the root namespace's OVS: the "physical network" between the hosts. */
  underlayBridge: (labId: string) => `${labId}_ul`,
  /** OVN's name for the host (external_ids:system-id, the SB Chassis name). */
  chassis: (labId: string, host: string) => `${labId}-${host}`,
  /** A DPDK host's EAL --file-prefix (its hugepage files and runtime directory apart from the main switch's). */
  dpdkPrefix: (labId: string, host: string) => `ovslab-${labId}-${host}`,
  /** The OVN transport zone of the lab's chassis: tunnels only between the lab's own hosts. */
  transportZone: (labId: string) => `ovslab-${labId}`,
  /** The lab's OVN logical switch (with a router: the first network's; the others' are numbered). */
  logicalSwitch: (labId: string, network = 0) => (network === 0 ? `ovslab-${labId}` : `ovslab-${labId}-net${network + 1}`),
  /** The lab's OVN logical router, when its spec has one. */
  logicalRouter: (labId: string) => `ovslab-${labId}-router`,
  /** The router's port on the n-th network, and that switch's port facing it. */
  routerPort: (labId: string, network: number) => `${labId}-rtr${network + 1}`,
  routerSwitchPort: (labId: string, network: number) => `${labId}-to-rtr${network + 1}`,
  /** An endpoint's logical switch port (= external_ids:iface-id of its veth on br_int). */
  logicalPort: (labId: string, endpoint: string) => `${labId}-${endpoint}`,
};

/** Inside a host's namespace: its end of the underlay veth, on br-phy. */
export const HOST_UNDERLAY_IFNAME = "ul0";
/** The bridge holding a host's underlay address (userspace tunnels route through OVS's own table). */
export const HOST_PHYS_BRIDGE = "br-phy";
export const LAB_RUN_ROOT = "/run/ovs-lab";
/** A host's OVSDB over TCP (`ovsdb: tcp`), at its underlay address: OVS's customary port. */
export const HOST_OVSDB_TCP_PORT = 6640;
/** OVN's southbound database over TCP, at the lab's management address on the underlay. */
export const OVN_SB_TCP_PORT = 6642;
/** external_ids key on the underlay bridge: the SB remote (ptcp:6642:IP) the lab added, removed at its down. */
export const SB_REMOTE_KEY = "ovs-lab-sb-remote";
/** external_ids key on the underlay bridge: the router's gateways (comma-separated), for discovery. */
export const ROUTER_KEY = "ovs-lab-router";
/** external_ids key on the underlay bridge and OVN rows: the lab that made them. */
export const OVN_LAB_KEY = "ovs-lab-lab";

export const hostFiles = (runDir: string) => ({
  db: path.join(runDir, "conf.db"),
  dbSock: path.join(runDir, "db.sock"),
  ovsdbPid: path.join(runDir, "ovsdb-server.pid"),
  ovsdbCtl: path.join(runDir, "ovsdb-server.ctl"),
  vswitchdPid: path.join(runDir, "ovs-vswitchd.pid"),
  vswitchdCtl: path.join(runDir, "ovs-vswitchd.ctl"),
  controllerPid: path.join(runDir, "ovn-controller.pid"),
  /** The OVSDB remote ovs-lab uses for this host once it is set up (`tcp:IP:6640`); absent: the unix socket. */
  ovsdbRemote: path.join(runDir, "ovsdb-remote"),
  log: (daemon: string) => path.join(runDir, `${daemon}.log`),
});

/** The namespace of an interface owned by one of a multi-host lab's hosts (`host:<name>`); undefined for any other owner. */
export function hostSideNetns(labId: string, owner: string): string | undefined {
  return owner.startsWith("host:") ? netnsOfName(hostNames.netns(labId, owner.slice("host:".length))) : undefined;
}
