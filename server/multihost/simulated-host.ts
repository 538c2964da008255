import { rm } from "node:fs/promises";
import path from "node:path";
import type { HostSpec } from "../../lib/lab-spec/schema";
import { MULTI_HOST_BRIDGE } from "../../lib/lab-spec/schema";
import { UNDERLAY_LAB_KEY } from "../../lib/lab-spec/names";
import { ovsVsctl } from "../ovs/ovs-vsctl";
import { deleteLink, deleteNetns, ensureNetns, linkExists, netnsOfName } from "../netns/ip-links";
import { ipBatch } from "../netns/ip-batch";
import { isolateHostEnd } from "../netns/host-end-sysctl";
import { waitUntil } from "../host/wait-until";
import type { HostContext } from "../host/host-context";
import { ensureHostOvs, ensureOvnController, hostAppctl, hostVsctl, listenOvsdbTcp, stopHostDaemons, type HostDaemonPlace } from "./host-daemons";
import { HOST_OVSDB_TCP_PORT, HOST_PHYS_BRIDGE, HOST_UNDERLAY_IFNAME, hostFiles, hostNames, OVN_LAB_KEY, OVN_SB_TCP_PORT, SB_REMOTE_KEY } from "./host-names";
import { addSbRemote, OVN_SB_REMOTE, ovnSbctl, removeSbRemote } from "./ovn-central";
import { managementAddress, networkOf } from "./underlay-address";
import { runCommand } from "../run-command/run-command";

const DPDK_RUNTIME_ROOT = "/var/run/dpdk";

export const placeOf = (labId: string, host: string): HostDaemonPlace => ({ netnsName: hostNames.netns(labId, host), runDir: hostNames.runDir(labId, host) });

/**
 * The "physical network" between the hosts: a bridge of the root namespace's OVS. Not a Linux
 * bridge: dockerd sets FORWARD to DROP and with br_netfilter on (bridge-nf-call-iptables=1, as
 * here) a Linux bridge's traffic goes through it and dies; the userspace OVS bridge is not affected.
 * When a host is reached over TCP (`ovsdb: tcp`), this machine takes a management address on it, and
 * OVN's SB listens there: the SB remote (`tcp:IP:6642`) the hosts' ovn-controllers use is returned.
 */
export async function ensureUnderlayBridge(ctx: HostContext, labId: string, hosts: readonly HostSpec[]): Promise<string | null> {
  const bridge = hostNames.underlayBridge(labId);
  await ovsVsctl(ctx.config, ["--may-exist", "add-br", bridge, "--", "set", "Bridge", bridge, "datapath_type=netdev", `external_ids:${UNDERLAY_LAB_KEY}=${labId}`]);
  const previous = await sbRemoteOf(ctx, labId);
  if (!hosts.some((h) => h.ovsdb === "tcp")) {
    if (previous) await dropSbRemote(ctx, labId, previous);
    return null;
  }
  const management = managementAddress(hosts.map((h) => h.underlay));
  const ip = management.split("/")[0];
  const listen = `ptcp:${OVN_SB_TCP_PORT}:${ip}`;
  if (previous && previous !== listen) await dropSbRemote(ctx, labId, previous);
  await ipBatch([["addr", "replace", management, "dev", bridge], ["link", "set", bridge, "up"]]);
  await addSbRemote(listen);
  await ovsVsctl(ctx.config, ["set", "Bridge", bridge, `external_ids:${SB_REMOTE_KEY}=${listen}`]);
  return `tcp:${ip}:${OVN_SB_TCP_PORT}`;
}

/** The SB remote a lab over TCP added (recorded on its underlay bridge), or null. */
async function sbRemoteOf(ctx: HostContext, labId: string): Promise<string | null> {
  const { stdout } = await ovsVsctl(ctx.config, ["--if-exists", "get", "Bridge", hostNames.underlayBridge(labId), `external_ids:${SB_REMOTE_KEY}`]).catch(() => ({ stdout: "" }));
  return stdout.trim().replace(/^"|"$/g, "") || null;
}

async function dropSbRemote(ctx: HostContext, labId: string, remote: string): Promise<void> {
  await removeSbRemote(remote);
  await ovsVsctl(ctx.config, ["--if-exists", "remove", "Bridge", hostNames.underlayBridge(labId), "external_ids", SB_REMOTE_KEY]).catch(() => undefined);
}

/** At the lab's down: OVN's SB stops listening at the lab's management address. */
export async function removeUnderlaySbRemote(ctx: HostContext, labId: string): Promise<void> {
  const remote = await sbRemoteOf(ctx, labId);
  if (remote) await dropSbRemote(ctx, labId, remote);
}

/** The host's underlay: a veth from the underlay bridge into its namespace, on br-phy, which holds its address. */
async function ensureUnderlayLink(ctx: HostContext, labId: string, host: HostSpec, place: HostDaemonPlace): Promise<void> {
  const rootEnd = hostNames.underlayRootEnd(labId, host.name);
  const netns = netnsOfName(place.netnsName);
  if (!(await linkExists(HOST_UNDERLAY_IFNAME, netns))) {
    await deleteLink(rootEnd);
    await ipBatch([["link", "add", rootEnd, "type", "veth", "peer", "name", HOST_UNDERLAY_IFNAME, "netns", place.netnsName], ["link", "set", rootEnd, "up"]]);
    await isolateHostEnd(rootEnd);
    // The userspace datapath keeps a deleted device open: a port of the old name is added again.
    await ovsVsctl(ctx.config, ["--if-exists", "del-port", rootEnd]);
  }
  await ovsVsctl(ctx.config, ["--may-exist", "add-port", hostNames.underlayBridge(labId), rootEnd]);
  await hostVsctl(place, ["--may-exist", "add-br", HOST_PHYS_BRIDGE, "--", "set", "Bridge", HOST_PHYS_BRIDGE, "datapath_type=netdev", "--", "--may-exist", "add-port", HOST_PHYS_BRIDGE, HOST_UNDERLAY_IFNAME]);
  await ipBatch([["link", "set", "lo", "up"], ["link", "set", HOST_UNDERLAY_IFNAME, "up"], ["addr", "replace", host.underlay, "dev", HOST_PHYS_BRIDGE], ["link", "set", HOST_PHYS_BRIDGE, "up"]], netns);
  // Userspace tunnels route by OVS's own table, not the kernel's.
  await hostAppctl(place, ["ovs/route/add", networkOf(host.underlay), HOST_PHYS_BRIDGE]).catch(() => undefined);
}

/** What makes the host an OVN chassis: its name, the SB database, Geneve on its underlay address, a userspace br_int. */
async function joinOvn(labId: string, host: HostSpec, place: HostDaemonPlace, sbRemote: string): Promise<void> {
  await hostVsctl(place, [
    "set", "Open_vSwitch", ".",
    `external_ids:system-id=${hostNames.chassis(labId, host.name)}`,
    `external_ids:ovn-remote=${sbRemote}`,
    "external_ids:ovn-encap-type=geneve",
    `external_ids:ovn-encap-ip=${host.underlay.split("/")[0]}`,
    `external_ids:ovn-bridge=${MULTI_HOST_BRIDGE.name}`,
    `external_ids:ovn-bridge-datapath-type=${host.datapath}`,
    `external_ids:${OVN_LAB_KEY}=${labId}`,
    // Every lab's chassis share OVN central's SB. OVN 23.03 tunnels only between chassis with a logical
    // datapath in common (checked: two labs side by side, no tunnel between them); the zone says so for
    // any version, and keeps a lab's hosts apart from chassis that are not ovs-lab's.
    `external_ids:ovn-transport-zones=${hostNames.transportZone(labId)}`,
  ]);
  await ensureOvnController(place);
  const made = await waitUntil(() => hostVsctl(place, ["br-exists", MULTI_HOST_BRIDGE.name]).then(() => true, () => false), 20_000, 200);
  if (!made) throw new Error(`ovn-controller of ${place.netnsName} did not make ${MULTI_HOST_BRIDGE.name}; see ${place.runDir}/ovn-controller.log`);
}

/**
 * One simulated host, made or checked: namespace, OVS pair, underlay, ovn-controller. Safe to run again.
 * `sbTcpRemote`: OVN's SB over TCP (the lab's management address), for a host reached over TCP.
 */
export async function ensureSimulatedHost(ctx: HostContext, labId: string, host: HostSpec, sbTcpRemote: string | null): Promise<HostDaemonPlace> {
  const local = { ...placeOf(labId, host.name), ...(host.dpdk ? { dpdkPrefix: hostNames.dpdkPrefix(labId, host.name) } : {}) };
  await ensureNetns(local.netnsName);
  await ensureHostOvs(local);
  await ensureUnderlayLink(ctx, labId, host, local);
  if (host.ovsdb === "tcp" && sbTcpRemote) {
    const place = await listenOvsdbTcp(local, host.underlay.split("/")[0], HOST_OVSDB_TCP_PORT);
    await joinOvn(labId, host, place, sbTcpRemote);
    return place;
  }
  await rm(hostFiles(local.runDir).ovsdbRemote, { force: true });
  await joinOvn(labId, host, local, OVN_SB_REMOTE);
  return local;
}

/** The host gone: daemons, chassis, namespace (and the veths in it), underlay port, run dir. */
export async function removeSimulatedHost(ctx: HostContext, labId: string, host: string): Promise<void> {
  const place = placeOf(labId, host);
  await stopHostDaemons(place.runDir);
  await ovnSbctl(["--if-exists", "chassis-del", hostNames.chassis(labId, host)]);
  await deleteNetns(place.netnsName);
  await deleteLink(hostNames.underlayRootEnd(labId, host));
  await ovsVsctl(ctx.config, ["--if-exists", "del-port", hostNames.underlayRootEnd(labId, host)]);
  await rm(place.runDir, { recursive: true, force: true });
  // A DPDK host's EAL runtime directory (its hugepage files went with the process: --in-memory).
  await rm(path.join(DPDK_RUNTIME_ROOT, hostNames.dpdkPrefix(labId, host)), { recursive: true, force: true });
}

/**
 * Each host's underlay neighbours resolved before the first probe: a userspace switch pushing a
 * Geneve packet to an address it has no MAC for sends an ARP and drops the packet (the first ICMP
 * probe across the tunnel failed that way). A ping from each host's kernel over br-phy makes the
 * ARP exchange, which the switch snoops into its tunnel neighbour table (tnl/neigh/show).
 */
export async function resolveUnderlayNeighbours(labId: string, hosts: readonly HostSpec[]): Promise<void> {
  await Promise.all(
    hosts.map((h) => {
      const peers = hosts.filter((p) => p !== h).map((p) => p.underlay.split("/")[0]);
      if (peers.length === 0) return Promise.resolve();
      // fping exits 1 when a peer did not answer: lab up still goes on, and the readiness check after it decides.
      return runCommand("fping", ["-q", "-c", "1", "-r", "2", "-t", "500", ...peers], { netns: netnsOfName(hostNames.netns(labId, h.name)), okExitCodes: [1, 2], timeoutMs: 10_000 });
    }),
  );
}
