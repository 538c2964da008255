import { hostBridgeKey, hostSideOwner, type LabHost, type NetInterface, type TopologyLink } from "../../lib/contracts/topology";
import { labNames } from "../../lib/lab-spec/names";
import { netnsOfName } from "../netns/ip-links";
import type { IpLink } from "../netns/parse-ip-addr";
import type { NamespaceRead } from "../discovery/discovery-cache";
import { bridgeDto } from "../discovery/bridge-dto";
import { toInterface } from "../discovery/interface-dto";
import { hostNames } from "./host-names";
import type { HostRead } from "./read-hosts";

/** What a multi-host lab's hosts add to its topology: their bridges, the host ends of veths, tunnels. */
export interface HostSide {
  hosts: LabHost[];
  /** The lab's OVN logical switch (ovs-lab names it from the lab id). */
  logicalSwitch: string;
  interfaces: NetInterface[];
  links: TopologyLink[];
  /** The host namespaces read (the discovery cache keeps them). */
  netns: string[];
  /** The host end (inside its host's namespace) of an endpoint's veth `link`, when it is there. */
  peerOf: (endpoint: string, link: IpLink) => NetInterface | null;
}

const bridgeNode = (host: string, bridge: string) => `bridge:${hostBridgeKey(host, bridge)}`;

/** One tunnel link per pair of hosts whose br_int has a Geneve port to the other's underlay address. */
function tunnelLinks(hosts: LabHost[]): TopologyLink[] {
  const byUnderlay = new Map(hosts.map((h) => [h.underlay, h]));
  return hosts.flatMap((h) =>
    h.tunnels.flatMap((t): TopologyLink[] => {
      const other = byUnderlay.get(t.remote);
      if (!other || other.name <= h.name || !h.bridge || !other.bridge) return [];
      return [{ id: `tunnel:${h.name}-${other.name}`, kind: "tunnel", a: bridgeNode(h.name, h.bridge.name), b: bridgeNode(other.name, other.bridge.name), tunnel: { encapsulation: t.kind, local: h.underlay, remote: t.remote } }];
    }),
  );
}

/**
 * Each host's namespace read like an endpoint's (its links and their offload), its br_int made a
 * Bridge whose ports name interfaces owned by `host:<name>`, and the links from br_int to them.
 */
export async function discoverHosts(labId: string, reads: HostRead[], readNamespace: (netns: string) => Promise<NamespaceRead>): Promise<HostSide> {
  const interfaces: NetInterface[] = [];
  const links: TopologyLink[] = [];
  const netnsPaths: string[] = [];
  const ends = new Map<string, { iface: NetInterface; link: IpLink }>();
  const hosts = await Promise.all(
    reads.map(async ({ host, brInt }): Promise<LabHost> => {
      const netns = netnsOfName(hostNames.netns(labId, host.name));
      netnsPaths.push(netns);
      // A host half gone (its namespace deleted, its run directory not yet) is listed with what is down.
      const { links: hostLinks, offload } = await readNamespace(netns).catch((): NamespaceRead => ({ links: [], offload: new Map() }));
      const byName = new Map(hostLinks.map((l) => [l.ifname, l]));
      const owner = hostSideOwner(host.name);
      const bridge = brInt ? bridgeDto(brInt, byName, new Map(), owner) : null;
      const add = (link: IpLink, role: NetInterface["role"]) => {
        const iface = { ...toInterface(owner, link, role), offload: offload.get(link.ifname) ?? {} };
        interfaces.push(iface);
        if (link.ifname.startsWith(labNames.hostVeth(labId, ""))) ends.set(link.ifname, { iface, link });
        return iface;
      };
      const at = bridge ? bridgeNode(host.name, bridge.name) : "";
      for (const port of bridge?.ports ?? []) {
        const wire = port.dpdk?.wireInterfaceId ? byName.get(port.dpdk.wireInterfaceId.slice(owner.length + 1)) : undefined;
        const own = port.interfaceId && port.type === "system" ? byName.get(port.name) : undefined;
        const portId = `port:${hostBridgeKey(host.name, port.name)}`;
        if (own) {
          links.push({ id: portId, kind: "bridge-port", a: at, b: add(own, "bridge-port").id });
        } else if (port.dpdk) {
          const dpdkNode = `dpdk:${hostBridgeKey(host.name, port.name)}`;
          links.push({ id: portId, kind: "bridge-port", a: at, b: dpdkNode });
          if (wire) links.push({ id: `wire:${hostBridgeKey(host.name, port.name)}`, kind: "dpdk-wire", a: dpdkNode, b: add(wire, "dpdk-wire").id });
        }
      }
      return { ...host, bridge };
    }),
  );
  links.push(...tunnelLinks(hosts));
  return {
    hosts,
    logicalSwitch: hostNames.logicalSwitch(labId),
    interfaces,
    links,
    netns: netnsPaths,
    peerOf: (endpoint, link) => {
      const end = ends.get(labNames.hostVeth(labId, endpoint));
      return end && end.link.linkIndex === link.ifindex && link.linkIndex === end.link.ifindex ? end.iface : null;
    },
  };
}
