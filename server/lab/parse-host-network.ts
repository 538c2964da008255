import { OVS_LAB_KEY, UNDERLAY_LAB_KEY } from "../../lib/lab-spec/names";

/** One interface of the root namespace, and which lab (if any) made it. */
export interface HostInterface {
  name: string;
  /** IPv4 addresses with their prefix, e.g. 192.0.2.2/24. */
  ipv4: string[];
  /** The lab that made it, or null: the host's own. */
  labId: string | null;
  /** An OVS bridge: whether the lab may take it is OVSDB's to say (lab-up answers 409). */
  ovsBridge: boolean;
}

export interface HostRoute {
  /** A CIDR, a bare address (a /32) or "default". */
  dst: string;
  dev: string | null;
  /** unicast, local, broadcast, blackhole, unreachable, ... */
  type: string;
}

export interface HostNetwork {
  interfaces: HostInterface[];
  routes: HostRoute[];
}

/** What OVSDB says about a bridge (an OvsBridgeRow fits). */
export interface OvsBridgeOwner {
  name: string;
  externalIds: Record<string, string>;
  ports: { name: string }[];
}

interface RawLink {
  ifname: string;
  ifalias?: string;
  master?: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
}

interface RawRoute {
  dst: string;
  dev?: string;
  type?: string;
}

/** server/lab/linux-bridge.ts marks the Linux bridges of experiment labs with this alias. */
const LINUX_BRIDGE_ALIAS = /^ovs-lab:([a-z][a-z0-9]{0,5})$/;
/** Namespaces of netns endpoints: `ovslab-<labId>-<endpoint>` (lib/lab-spec/names.ts). */
const LAB_NETNS = /^ovslab-([a-z][a-z0-9]{0,5})-/;

/** Every lab id this host shows a trace of: OVSDB tags, Linux bridge aliases, netns names. */
function knownLabIds(links: RawLink[], bridges: OvsBridgeOwner[], netns: string[]): Set<string> {
  return new Set([
    ...bridges.flatMap((b) => (b.externalIds[OVS_LAB_KEY] ? [b.externalIds[OVS_LAB_KEY]] : [])),
    ...links.flatMap((l) => LINUX_BRIDGE_ALIAS.exec(l.ifalias ?? "")?.slice(1, 2) ?? []),
    ...netns.flatMap((n) => LAB_NETNS.exec(n)?.slice(1, 2) ?? []),
  ]);
}

/** The lab that made each interface: its OVS bridge, a port on it, its alias, its master, or its `<labId>-` name. */
function labOwners(links: RawLink[], bridges: OvsBridgeOwner[], netns: string[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const b of bridges) {
    // A multi-host lab's underlay bridge (server/multihost) is its lab's too: it may hold the lab's management address.
    const labId = b.externalIds[OVS_LAB_KEY] ?? b.externalIds[UNDERLAY_LAB_KEY];
    if (!labId) continue;
    for (const name of [b.name, ...b.ports.map((p) => p.name)]) owners.set(name, labId);
  }
  for (const l of links) {
    const alias = LINUX_BRIDGE_ALIAS.exec(l.ifalias ?? "");
    if (alias) owners.set(l.ifname, alias[1]);
  }
  const known = knownLabIds(links, bridges, netns);
  for (const l of links) {
    if (owners.has(l.ifname)) continue;
    const byMaster = l.master ? owners.get(l.master) : undefined;
    const prefix = l.ifname.split("-")[0];
    if (byMaster) owners.set(l.ifname, byMaster);
    else if (l.ifname.includes("-") && known.has(prefix)) owners.set(l.ifname, prefix);
  }
  return owners;
}

/**
 * The root namespace as the host-safety check sees it, from `ip -json -d addr show`,
 * `ip -4 -json route show table all`, OVSDB's bridges and `ip netns list`'s names.
 */
export function parseHostNetwork(addrJson: string, routeJson: string, bridges: OvsBridgeOwner[], netns: string[]): HostNetwork {
  const links = JSON.parse(addrJson || "[]") as RawLink[];
  const routes = JSON.parse(routeJson || "[]") as RawRoute[];
  const owners = labOwners(links, bridges, netns);
  const ovsBridges = new Set(bridges.map((b) => b.name));
  return {
    interfaces: links.map((l) => ({
      name: l.ifname,
      ipv4: (l.addr_info ?? []).filter((a) => a.family === "inet").map((a) => `${a.local}/${a.prefixlen}`),
      labId: owners.get(l.ifname) ?? null,
      ovsBridge: ovsBridges.has(l.ifname),
    })),
    routes: routes.map((r) => ({ dst: r.dst, dev: r.dev ?? null, type: r.type ?? "unicast" })),
  };
}
