import type { EndpointSpec } from "../../lib/lab-spec/schema";
import { CONTAINER_IFNAME, labNames } from "../../lib/lab-spec/names";
import { ensureRunningContainer, labContainerStates } from "../docker/containers";
import { deleteLink, listLinks, listNetns, netnsOfName, netnsOfPid } from "../netns/ip-links";
import { ipBatch } from "../netns/ip-batch";
import { isolateHostEnd } from "../netns/host-end-sysctl";
import { setOffload } from "../offload/ethtool";
import { CommandError } from "../run-command/run-command";
import type { HostContext } from "../host/host-context";
import { mapLimited } from "../../lib/async/map-limited";
import { phaseTimer } from "../trace/trace";

export interface EndpointPlumbing {
  endpoint: string;
  /** The endpoint's network namespace (a path for nsenter). */
  netns: string;
  /** The namespace was made (or its container started) by this call: it holds no stale state. */
  freshNetns: boolean;
  /** The veth end left in the root namespace, up, for the caller to attach. */
  hostEnd: string;
  /** The veth pair was made afresh: a switch port of the same name still holds the old device. */
  recreated: boolean;
}

/** Both ends of an endpoint's link have its MTU: the spec's, else Ethernet's (an up undoes a change made by hand). */
const linkMtu = (e: EndpointSpec) => e.mtu ?? 1500;

/** Independent steps of many endpoints run side by side, this many at once (Docker's API and the CPU are the limits). */
const ENDPOINTS_AT_ONCE = 8;

type Plumbing = EndpointPlumbing & { ns: Namespace };

/** New veth pairs, the inner end made inside the namespace under its final name (no temporary name, no move). */
async function rebuildPairs(pairs: Plumbing[], rootNames: Set<string>): Promise<void> {
  await Promise.all(pairs.filter((p) => rootNames.has(p.hostEnd)).map((p) => deleteLink(p.hostEnd)));
  // An old namespace may hold an eth0 that is not ours (made by hand): the new pair needs the name.
  await mapLimited(pairs.filter((p) => !p.freshNetns), ENDPOINTS_AT_ONCE, (p) => deleteLink(CONTAINER_IFNAME, p.netns));
  await ipBatch(pairs.map((p) => ["link", "add", p.hostEnd, "type", "veth", "peer", "name", CONTAINER_IFNAME, "netns", p.ns.where]));
}

/** Inside the endpoint's namespace, in one `ip`: loopback up, eth0 addressed and up. */
function configureInside(p: Plumbing): Promise<void> {
  return ipBatch(
    [
      // A neighbour entry learnt before the host end was isolated may point at it.
      ...(p.freshNetns ? [] : [["neigh", "flush", "all"]]),
      ["link", "set", "dev", "lo", "up"],
      ["addr", "replace", p.ns.endpoint.address, "dev", CONTAINER_IFNAME],
      ["link", "set", "dev", CONTAINER_IFNAME, "mtu", String(linkMtu(p.ns.endpoint)), "up"],
    ],
    p.netns,
  );
}

interface Namespace {
  endpoint: EndpointSpec;
  netns: string;
  fresh: boolean;
  /** Where `ip link add ... netns` puts the inner end: a PID or a named namespace. */
  where: string;
}

async function ensureNamespaces(ctx: HostContext, labId: string, endpoints: readonly EndpointSpec[]): Promise<Namespace[]> {
  const named = new Set(endpoints.some((e) => e.kind === "netns") ? await listNetns() : []);
  const missing = endpoints.filter((e) => e.kind === "netns" && !named.has(labNames.netns(labId, e.name)));
  await ipBatch(missing.map((e) => ["netns", "add", labNames.netns(labId, e.name)]));
  const containers = endpoints.some((e) => e.kind === "container") ? await labContainerStates(ctx.docker, labId) : new Map<string, boolean>();
  return mapLimited(endpoints, ENDPOINTS_AT_ONCE, async (e): Promise<Namespace> => {
    if (e.kind === "container") {
      const name = labNames.container(labId, e.name);
      const { pid, started } = await ensureRunningContainer(ctx.docker, labId, e.name, name, containers.get(name));
      return { endpoint: e, netns: netnsOfPid(pid), fresh: started, where: String(pid) };
    }
    const name = labNames.netns(labId, e.name);
    return { endpoint: e, netns: netnsOfName(name), fresh: !named.has(name), where: name };
  });
}

/**
 * Each endpoint's namespace (a running container or a plain netns) with eth0 in it, addressed,
 * up and with its offload settings, and the veth's host end up and kept out of the host's IP
 * stack. Batched: one `ip` for the root namespace's work and one per endpoint namespace.
 * Whatever switch the host ends join is the caller's job.
 */
export async function plumbEndpoints(ctx: HostContext, labId: string, endpoints: readonly EndpointSpec[]): Promise<EndpointPlumbing[]> {
  const phase = phaseTimer(`lab up ${labId}, endpoints`);
  const [namespaces, rootLinks] = await Promise.all([ensureNamespaces(ctx, labId, endpoints), listLinks(null)]);
  phase("namespaces and containers");
  const rootNames = new Set(rootLinks.map((l) => l.ifname));
  const plumbed = namespaces.map((ns): EndpointPlumbing & { ns: Namespace } => {
    const hostEnd = labNames.hostVeth(labId, ns.endpoint.name);
    // A host end left from an old namespace dies with it, but the kernel's clean-up of that
    // namespace runs later: in a new namespace the pair is always made afresh.
    return { ns, endpoint: ns.endpoint.name, netns: ns.netns, freshNetns: ns.fresh, hostEnd, recreated: ns.fresh || !rootNames.has(hostEnd) };
  });
  await rebuildPairs(plumbed.filter((p) => p.recreated), rootNames);
  await Promise.all(plumbed.map((p) => isolateHostEnd(p.hostEnd)));
  phase("veths");
  await mapLimited(plumbed, ENDPOINTS_AT_ONCE, async (p) => {
    await configureInside(p).catch(async (err: unknown) => {
      // Deleting either end of a veth deletes both, so a host end still here means the pair is whole,
      // unless eth0 was moved out by hand: then make the pair again.
      if (p.recreated || !(err instanceof CommandError && /Cannot find device/.test(err.stderr))) throw err;
      p.recreated = true;
      await rebuildPairs([p], new Set([p.hostEnd]));
      await isolateHostEnd(p.hostEnd);
      await configureInside(p);
    });
  });
  await ipBatch(plumbed.map((p) => ["link", "set", "dev", p.hostEnd, "mtu", String(linkMtu(p.ns.endpoint)), "up"]));
  phase("addresses and links up");
  await mapLimited(plumbed, ENDPOINTS_AT_ONCE, (p) => setOffload(CONTAINER_IFNAME, p.netns, p.ns.endpoint.offload));
  phase("offload");
  return plumbed.map(({ ns: _ns, ...p }) => p);
}
