import type { EndpointSpec } from "../../lib/lab-spec/schema";
import { CONTAINER_IFNAME, labNames } from "../../lib/lab-spec/names";
import { ensureRunningContainer } from "../docker/containers";
import { createVethInto, deleteLink, ensureNetns, flushNeighbours, linkExists, netnsOfName, netnsOfPid, replaceAddress, setUp } from "../netns/ip-links";
import { isolateHostEnd } from "../netns/host-end-sysctl";
import { setOffload } from "../offload/ethtool";
import type { HostContext } from "../host/host-context";

export interface EndpointPlumbing {
  /** The endpoint's network namespace (a path for nsenter). */
  netns: string;
  /** The veth end left in the root namespace, up, for the caller to attach. */
  hostEnd: string;
  /** The veth pair was made afresh: a switch port of the same name still holds the old device. */
  recreated: boolean;
}

/**
 * An endpoint's namespace (a running container or a plain netns) with eth0 in it,
 * addressed, up and with its offload settings, and the veth's host end up and kept
 * out of the host's IP stack. Whatever switch the host end joins is the caller's job.
 */
export async function plumbEndpoint(ctx: HostContext, labId: string, e: EndpointSpec): Promise<EndpointPlumbing> {
  const hostEnd = labNames.hostVeth(labId, e.name);
  let netns: string;
  let target: { pid: number } | { netnsName: string };
  if (e.kind === "container") {
    const pid = await ensureRunningContainer(ctx.docker, labId, e.name, labNames.container(labId, e.name));
    [netns, target] = [netnsOfPid(pid), { pid }];
  } else {
    const name = labNames.netns(labId, e.name);
    await ensureNetns(name);
    [netns, target] = [netnsOfName(name), { netnsName: name }];
  }
  const inner = await linkExists(CONTAINER_IFNAME, netns);
  const outer = await linkExists(hostEnd);
  const recreated = !(inner && outer);
  if (recreated) {
    // Half a pair is left when a container restarted: start the pair afresh.
    if (outer) await deleteLink(hostEnd);
    if (inner) await deleteLink(CONTAINER_IFNAME, netns);
    await createVethInto(hostEnd, CONTAINER_IFNAME, target);
  }
  await isolateHostEnd(hostEnd);
  // A neighbour entry learnt before the host end was isolated may point at it.
  await flushNeighbours(netns);
  await setUp("lo", netns);
  await replaceAddress(CONTAINER_IFNAME, e.address, netns);
  await setUp(CONTAINER_IFNAME, netns);
  await setUp(hostEnd);
  await setOffload(CONTAINER_IFNAME, netns, e.offload);
  return { netns, hostEnd, recreated };
}
