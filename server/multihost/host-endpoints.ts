import { runCommand } from "../run-command/run-command";
import { logicalNetworks } from "./logical-networks";
import type { EndpointSpec, LabSpec } from "../../lib/lab-spec/schema";
import { MULTI_HOST_BRIDGE } from "../../lib/lab-spec/schema";
import { CONTAINER_IFNAME, labNames } from "../../lib/lab-spec/names";
import { listLabContainers } from "../docker/containers";
import { deleteLink, listLinks, netnsOfName, netnsOfPid } from "../netns/ip-links";
import { ipBatch } from "../netns/ip-batch";
import { setOffload } from "../offload/ethtool";
import { plumbEndpoints } from "../lab/endpoint-up";
import { mapLimited } from "../../lib/async/map-limited";
import type { HostContext } from "../host/host-context";
import { hostVsctl, type HostDaemonPlace } from "./host-daemons";
import { hostNames } from "./host-names";

/** Endpoints whose veth's host end is already on their host (in its namespace); ends on a wrong host are deleted. */
async function endpointsInPlace(spec: LabSpec, places: Map<string, HostDaemonPlace>): Promise<Set<string>> {
  const present = new Map(await Promise.all([...places].map(async ([host, place]) => [host, new Set((await listLinks(netnsOfName(place.netnsName))).map((l) => l.ifname))] as const)));
  const kept = new Set<string>();
  for (const e of spec.endpoints) {
    const hostEnd = labNames.hostVeth(spec.id, e.name);
    for (const [host, names] of present) {
      if (!names.has(hostEnd)) continue;
      if (host === e.host) kept.add(e.name);
      // Moved to another host: deleting this end deletes the pair, and the endpoint is plumbed again.
      else await deleteLink(hostEnd, netnsOfName(places.get(host)!.netnsName));
    }
  }
  return kept;
}

/** Each endpoint's namespace path, as it runs now (a container's by its pid). */
async function endpointNamespaces(ctx: HostContext, spec: LabSpec): Promise<Map<string, string>> {
  const containers = spec.endpoints.some((e) => e.kind === "container") ? await listLabContainers(ctx.docker, spec.id) : [];
  const pids = new Map(containers.flatMap((c) => (c.pid ? [[c.endpoint, c.pid] as const] : [])));
  return new Map(
    spec.endpoints.flatMap((e) => {
      if (e.kind === "netns") return [[e.name, netnsOfName(labNames.netns(spec.id, e.name))] as const];
      const pid = pids.get(e.name);
      return pid ? [[e.name, netnsOfPid(pid)] as const] : [];
    }),
  );
}

/** The endpoint's port on br_int: its veth's host end, or for a DPDK attachment the DPDK port on that veth. */
const portName = (labId: string, e: EndpointSpec) => (e.attach.via === "dpdk" ? e.attach.port : labNames.hostVeth(labId, e.name));

function portArgs(labId: string, e: EndpointSpec): string[] {
  const port = portName(labId, e);
  const iface = [`external_ids:iface-id=${hostNames.logicalPort(labId, e.name)}`];
  if (e.attach.via === "dpdk") iface.push("type=dpdk", `options:dpdk-devargs=${labNames.dpdkVdev(labId, port)},iface=${labNames.hostVeth(labId, e.name)}`, `mtu_request=${e.mtu ?? 1500}`);
  return ["add-port", MULTI_HOST_BRIDGE.name, port, "--", "set", "Interface", port, ...iface];
}

/** New host ends moved from the root namespace into their host's, and put on its br_int as the endpoint's logical port. */
async function attachToHosts(spec: LabSpec, endpoints: readonly EndpointSpec[], places: Map<string, HostDaemonPlace>): Promise<void> {
  for (const [host, place] of places) {
    const here = endpoints.filter((e) => e.host === host);
    if (!here.length) continue;
    const ends = here.map((e) => labNames.hostVeth(spec.id, e.name));
    await ipBatch(ends.map((end) => ["link", "set", "dev", end, "netns", place.netnsName]));
    await ipBatch(ends.map((end) => ["link", "set", "dev", end, "up"]), netnsOfName(place.netnsName));
    // The userspace datapath (and the af_packet PMD) keep a deleted device open: a port of the same name is added afresh.
    await hostVsctl(place, here.flatMap((e, i) => [...(i ? ["--"] : []), "--if-exists", "del-port", portName(spec.id, e)]));
    await hostVsctl(place, here.flatMap((e, i) => [...(i ? ["--"] : []), ...portArgs(spec.id, e)]));
  }
}

/** The MAC of each endpoint's eth0, read in its namespace (what the logical port's addresses say). */
export async function endpointMacs(namespaces: Map<string, string>): Promise<Map<string, string>> {
  const macs = await mapLimited([...namespaces], 8, async ([name, netns]) => [name, (await listLinks(netns)).find((l) => l.ifname === CONTAINER_IFNAME)?.mac ?? null] as const);
  return new Map(macs.flatMap(([name, mac]) => (mac ? [[name, mac] as const] : [])));
}

/**
 * Every endpoint running, with its eth0 addressed and its veth's other end on its host's br_int:
 * endpoints already in place are left as they are (their offload set as the spec says), the others
 * plumbed as on one host and their host end moved to their host. Answers each endpoint's MAC.
 */
export async function placeEndpoints(ctx: HostContext, spec: LabSpec, places: Map<string, HostDaemonPlace>): Promise<Map<string, string>> {
  const kept = await endpointsInPlace(spec, places);
  const fresh = spec.endpoints.filter((e) => !kept.has(e.name));
  if (fresh.length) {
    await plumbEndpoints(ctx, spec.id, fresh);
    await attachToHosts(spec, fresh, places);
  }
  const namespaces = await endpointNamespaces(ctx, spec);
  await mapLimited(
    spec.endpoints.filter((e) => kept.has(e.name) && namespaces.has(e.name)),
    8,
    (e) => setOffload(CONTAINER_IFNAME, namespaces.get(e.name)!, e.offload),
  );
  return endpointMacs(namespaces);
}

/**
 * One ping, with retries, from every endpoint to each endpoint on another host, before lab up answers.
 * Seen here on fresh labs: with OVN reporting every port bound and every chassis caught up, and the
 * tunnels' neighbours resolved, the very first ICMP probe across hosts was still lost in about one lab
 * in four (the next run was all green; the cause was not found). The matrix after an up is then the
 * lab's, not its first packets'.
 */
export async function warmPathsAcrossHosts(ctx: HostContext, spec: LabSpec): Promise<void> {
  const namespaces = await endpointNamespaces(ctx, spec);
  await mapLimited(spec.endpoints, 8, async (e) => {
    const netns = namespaces.get(e.name);
    const peers = spec.endpoints.filter((p) => p.host !== e.host).map((p) => p.address.split("/")[0]);
    if (!netns || peers.length === 0) return;
    // fping exits 1 when a peer did not answer: the lab may be built to fail; lab up goes on.
    await runCommand("fping", ["-q", "-c", "1", "-r", "2", "-t", "300", ...peers], { netns, okExitCodes: [1, 2], timeoutMs: 10_000 }).catch(() => undefined);
  });
}

/**
 * With a router, each endpoint's default route goes through its network's gateway (the router's port
 * there); without one, an endpoint has no default route (one an earlier router left is removed).
 */
export async function routeThroughGateways(ctx: HostContext, spec: LabSpec): Promise<void> {
  const namespaces = await endpointNamespaces(ctx, spec);
  const gatewayOf = new Map(logicalNetworks(spec).flatMap((n) => (n.gateway ? n.endpoints.map((e) => [e, n.gateway!.address.split("/")[0]] as const) : [])));
  await mapLimited(spec.endpoints, 8, async (e) => {
    const netns = namespaces.get(e.name);
    if (!netns) return;
    const gateway = gatewayOf.get(e.name);
    if (gateway) await ipBatch([["route", "replace", "default", "via", gateway, "dev", CONTAINER_IFNAME]], netns);
    else await runCommand("ip", ["route", "del", "default"], { netns, okExitCodes: [2] });
  });
}
