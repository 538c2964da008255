import { readFile, stat } from "node:fs/promises";
import type { Bridge, Endpoint, NetInterface, Topology, TopologyLink } from "../../lib/contracts/topology";
import { interfaceId, labNames, OVS_LAB_KEY, OVS_LAB_ORDER_KEY } from "../../lib/lab-spec/names";
import { readBridges, type OvsBridgeRow } from "../ovs/ovs-state";
import { listLabContainers } from "../docker/containers";
import { listLinks, listNetns, netnsOfName, netnsOfPid } from "../netns/ip-links";
import type { IpLink } from "../netns/parse-ip-addr";
import { readOffload } from "../offload/ethtool";
import type { HostContext } from "../host/host-context";
import type { OffloadState } from "../../lib/contracts/offload";
import { parseNetDev } from "../netns/parse-net-dev";
import { bridgeDto } from "./bridge-dto";
import { toInterface } from "./interface-dto";
import type { DiscoveryCache, NamespaceRead } from "./discovery-cache";
import { readLabHosts } from "../multihost/read-hosts";
import { discoverHosts } from "../multihost/discover-hosts";
import { discoveredRouter } from "../multihost/logical-networks";
import { hostNames, ROUTER_KEY } from "../multihost/host-names";

/** Where an endpoint's interfaces live, for probes and for ethtool. */
export interface EndpointRuntime {
  name: string;
  netns: string | null;
  /** Which namespace instance the path named when discovered: a rebuilt one reuses the path. */
  netnsInode: number | null;
  ipv4: string | null;
}

export interface Discovery {
  topology: Topology;
  runtimes: EndpointRuntime[];
}

interface NamespaceView {
  endpoint: Endpoint;
  netns: string | null;
  netnsInode: number | null;
  links: IpLink[];
  offload: Map<string, OffloadState>;
}

const inodeOf = (netns: string) => stat(netns).then((st) => st.ino, () => null);

/** A namespace's links and their offload: from the cache while nothing in it changed, else read (two processes). */
async function readNamespace(netns: string, pid: number | null, cache: DiscoveryCache | undefined): Promise<{ inode: number | null } & NamespaceRead> {
  const inode = await inodeOf(netns);
  const cached = cache?.namespace(netns, inode);
  if (cached) {
    // Counters move all the time and cost no process: read them fresh from /proc.
    const counters = pid ? await readFile(`/proc/${pid}/net/dev`, "utf8").then(parseNetDev, () => null) : null;
    const links = counters ? cached.links.map((l) => ({ ...l, counters: counters.get(l.ifname) ?? l.counters })) : cached.links;
    return { inode, links, offload: cached.offload };
  }
  const readAt = Date.now();
  const links = await listLinks(netns).catch(() => []);
  const offload = new Map<string, OffloadState>();
  await Promise.all(
    links
      .filter((l) => l.kind !== "loopback")
      .map((l) => readOffload(l.ifname, netns).then((o) => void offload.set(l.ifname, o), () => undefined)),
  );
  cache?.storeNamespace(netns, inode, { links, offload }, readAt);
  return { inode, links, offload };
}

const firstIpv4 = (links: IpLink[], ifname?: string) =>
  links.filter((l) => l.kind !== "loopback" && (!ifname || l.ifname === ifname)).flatMap((l) => l.ipv4)[0]?.split("/")[0] ?? null;

async function namespaceViews(ctx: HostContext, labId: string, cache: DiscoveryCache | undefined): Promise<NamespaceView[]> {
  const nsPrefix = labNames.netns(labId, "");
  const [containers, netnsNames] = await Promise.all([listLabContainers(ctx.docker, labId), listNetns()]);
  const views = await Promise.all([
    ...containers.map(async (c): Promise<NamespaceView> => {
      const netns = c.pid ? netnsOfPid(c.pid) : null;
      const read = netns ? await readNamespace(netns, c.pid, cache) : { inode: null, links: [], offload: new Map<string, OffloadState>() };
      return {
        netns,
        netnsInode: read.inode,
        links: read.links,
        offload: read.offload,
        endpoint: { name: c.endpoint, kind: "container", state: c.running ? "running" : "stopped", ipv4: firstIpv4(read.links), runtimeName: c.name, interfaceIds: [] },
      };
    }),
    ...netnsNames
      .filter((n) => n.startsWith(nsPrefix))
      .map(async (n): Promise<NamespaceView> => {
        const netns = netnsOfName(n);
        const read = await readNamespace(netns, null, cache);
        const name = n.slice(nsPrefix.length);
        return {
          netns,
          netnsInode: read.inode,
          links: read.links,
          offload: read.offload,
          endpoint: { name, kind: "netns", state: "running", ipv4: firstIpv4(read.links), runtimeName: n, interfaceIds: [] },
        };
      }),
  ]);
  return views.sort((a, b) => a.endpoint.name.localeCompare(b.endpoint.name));
}

/** A bridge's ports: kernel interfaces as host interfaces linked to the bridge, DPDK ports with their wires. */
function addBridgePorts(
  bridge: Bridge,
  rootByName: Map<string, IpLink>,
  addRootInterface: (link: IpLink, role: NetInterface["role"]) => NetInterface,
  links: TopologyLink[],
): void {
  for (const port of bridge.ports) {
    // interfaceId: the port's own interface, or the host end a relay's port stands for.
    const link = port.interfaceId ? rootByName.get(port.interfaceId.slice("host:".length)) : undefined;
    if (port.name === bridge.name || !link || port.dpdk || port.patch) continue;
    addRootInterface(link, "bridge-port");
    links.push({ id: `port:${port.name}`, kind: "bridge-port", a: `bridge:${bridge.name}`, b: port.interfaceId! });
  }
  for (const port of bridge.ports) {
    if (!port.dpdk) continue;
    const wire = port.dpdk.wireInterfaceId;
    links.push({ id: `port:${port.name}`, kind: "bridge-port", a: `bridge:${bridge.name}`, b: `dpdk:${port.name}` });
    const wireLink = wire ? rootByName.get(wire.split(":")[1]) : undefined;
    if (wire && wireLink) {
      addRootInterface(wireLink, "dpdk-wire");
      links.push({ id: `wire:${port.name}`, kind: "dpdk-wire", a: `dpdk:${port.name}`, b: wire });
    }
  }
}

/** One link per pair of patch ports between two of the lab's bridges (each pair listed once). */
function patchLinks(bridges: Bridge[]): TopologyLink[] {
  const names = new Set(bridges.map((b) => b.name));
  return bridges.flatMap((b) =>
    b.ports.flatMap((p): TopologyLink[] => {
      const peer = p.patch?.peerBridge;
      if (!peer || !names.has(peer) || `${b.name} ${p.name}` > `${peer} ${p.patch!.peerPort}`) return [];
      return [{ id: `patch:${p.name}`, kind: "patch", a: `bridge:${b.name}`, b: `bridge:${peer}` }];
    }),
  );
}

/**
 * Reads the lab as it is on this host now: OVSDB, Docker, namespaces and links, never the template.
 * With a cache, what no event said changed is not read again (see discovery-cache.ts).
 */
export async function discoverLab(ctx: HostContext, labId: string, cache?: DiscoveryCache): Promise<Discovery> {
  const readAt = Date.now();
  const [allBridgeRows, rootLinks, views, hostReads] = await Promise.all([readBridges(ctx.ovsdb), listLinks(null), namespaceViews(ctx, labId, cache), readLabHosts(labId)]);
  // A multi-host lab: its hosts' namespaces hold the veths' host ends, its br_ints and their tunnels.
  const hostSide = hostReads ? await discoverHosts(labId, hostReads, (netns) => readNamespace(netns, null, cache)) : null;
  cache?.keepOnly(new Set([...views.flatMap((v) => (v.netns ? [v.netns] : [])), ...(hostSide?.netns ?? [])]), rootLinks);
  // The lab's bridges in the order of its spec (ovs-lab-order); the first carries the host endpoint.
  const order = (b: OvsBridgeRow) => Number(b.externalIds[OVS_LAB_ORDER_KEY] ?? 0);
  const bridgeRows = allBridgeRows.filter((b) => b.externalIds[OVS_LAB_KEY] === labId).sort((a, z) => order(a) - order(z) || a.name.localeCompare(z.name));
  const rootByName = new Map(rootLinks.map((l) => [l.ifname, l]));
  const rootByIndex = new Map(rootLinks.map((l) => [l.ifindex, l]));
  const patchOwner = new Map(allBridgeRows.flatMap((b) => b.ports.map((p) => [p.name, b.name] as const)));
  const bridges = bridgeRows.map((row) => bridgeDto(row, rootByName, patchOwner));
  const bridge = bridges[0] ?? null;
  const interfaces: NetInterface[] = [...(hostSide?.interfaces ?? [])];
  const links: TopologyLink[] = [...(hostSide?.links ?? [])];
  const endpoints: Endpoint[] = [];
  const runtimes: EndpointRuntime[] = [];
  const offloadJobs: Promise<void>[] = [];
  const addRootInterface = (link: IpLink, role: NetInterface["role"]) => {
    const iface = toInterface("host", link, role);
    interfaces.push(iface);
    const cached = cache?.rootInterfaceOffload(link);
    if (cached) iface.offload = cached;
    else
      offloadJobs.push(
        readOffload(iface.ifname, null).then((o) => {
          iface.offload = o;
          cache?.storeRootOffload(link, o, readAt);
        }, () => undefined),
      );
    return iface;
  };

  const bridgeLink = bridge ? rootByName.get(bridge.name) : undefined;
  if (bridge && bridgeLink) {
    const internal = addRootInterface(bridgeLink, "bridge-internal");
    const ipv4 = bridgeLink.ipv4[0]?.split("/")[0] ?? null;
    if (ipv4) {
      endpoints.push({ name: "host", kind: "host", state: bridgeLink.up ? "running" : "stopped", ipv4, runtimeName: "root", interfaceIds: [internal.id] });
      runtimes.push({ name: "host", netns: null, netnsInode: null, ipv4 });
    }
  }
  const dpdkWires = new Set(bridges.flatMap((br) => br.ports.flatMap((p) => (p.dpdk?.wireInterfaceId ? [p.dpdk.wireInterfaceId] : []))));
  for (const br of bridges) addBridgePorts(br, rootByName, addRootInterface, links);
  links.push(...patchLinks(bridges));

  for (const view of views) {
    const { endpoint } = view;
    for (const link of view.links.filter((l) => l.kind !== "loopback")) {
      const iface = toInterface(endpoint.name, link, "container-end");
      iface.offload = view.offload.get(link.ifname) ?? {};
      interfaces.push(iface);
      endpoint.interfaceIds.push(iface.id);
      const hostEnd = hostSide?.peerOf(endpoint.name, link);
      const peer = link.linkIndex !== null && !hostEnd ? rootByIndex.get(link.linkIndex) : undefined;
      if (hostEnd) {
        iface.peerId = hostEnd.id;
        hostEnd.peerId = iface.id;
        links.push({ id: `veth:${iface.id}`, kind: "veth", a: iface.id, b: hostEnd.id });
      } else if (peer && peer.linkIndex === link.ifindex) {
        const peerId = interfaceId("host", peer.ifname);
        iface.peerId = peerId;
        const known = interfaces.find((i) => i.id === peerId);
        const hostEnd = known ?? addRootInterface(peer, dpdkWires.has(peerId) ? "dpdk-wire" : "other");
        hostEnd.peerId = iface.id;
        links.push({ id: `veth:${iface.id}`, kind: "veth", a: iface.id, b: peerId });
      }
    }
    endpoints.push(endpoint);
    if (endpoint.state === "running") runtimes.push({ name: endpoint.name, netns: view.netns, netnsInode: view.netnsInode, ipv4: endpoint.ipv4 });
  }
  await Promise.all(offloadJobs);
  // A router's gateways are recorded on the lab's underlay bridge at up (server/multihost/multihost-up.ts).
  const gateways = (allBridgeRows.find((b) => b.name === hostNames.underlayBridge(labId))?.externalIds[ROUTER_KEY] ?? "").split(",").filter(Boolean);
  const router = hostSide ? discoveredRouter(labId, gateways, endpoints) : null;
  const ovn = hostSide ? { hosts: hostSide.hosts, ovn: { logicalSwitch: hostSide.logicalSwitch, ...(router ? { router } : {}) } } : {};
  return {
    topology: { labId, bridge, bridges, ...ovn, endpoints, interfaces, links, discoveredAt: new Date().toISOString() },
    runtimes,
  };
}
