import type { EndpointSpec, LabSpec } from "../../lib/lab-spec/schema";
import { CONTAINER_IFNAME, labNames } from "../../lib/lab-spec/names";
import { ensureLabImage } from "../docker/lab-image";
import { ensureRunningContainer } from "../docker/containers";
import { createVethInto, deleteLink, ensureNetns, flushNeighbours, linkExists, netnsOfName, netnsOfPid, replaceAddress, setUp } from "../netns/ip-links";
import { isolateHostEnd } from "../netns/host-end-sysctl";
import { setOffload } from "../offload/ethtool";
import { runCommand } from "../run-command/run-command";
import { LabError } from "./lab-errors";
import { labDown } from "./lab-down";
import type { HostContext } from "./host-context";

/**
 * A lab on a Linux bridge instead of OVS, for the seed's A/B experiment: the same
 * endpoints and veth pairs as lab-up, the host ends enslaved to a kernel bridge.
 * The bridge's alias records the lab id, so only our bridges are ever deleted.
 */
const aliasOf = (labId: string) => `ovs-lab:${labId}`;

async function bridgeAlias(name: string): Promise<string | null> {
  const r = await runCommand("ip", ["-json", "-d", "link", "show", "dev", name], { okExitCodes: [1, 255] });
  if (r.exitCode !== 0) return null;
  const [link] = JSON.parse(r.stdout) as { ifalias?: string; linkinfo?: { info_kind?: string } }[];
  return link?.linkinfo?.info_kind === "bridge" ? (link.ifalias ?? "") : "not-a-bridge";
}

async function ensureLinuxBridge(spec: LabSpec): Promise<void> {
  const name = spec.bridge.name;
  const alias = await bridgeAlias(name);
  if (alias !== null && alias !== aliasOf(spec.id))
    throw new LabError("conflict", `${name} exists and is not lab ${spec.id}'s Linux bridge (alias "${alias}"); choose another bridge name`);
  if (alias === null) {
    await runCommand("ip", ["link", "add", "name", name, "type", "bridge"]);
    await runCommand("ip", ["link", "set", "dev", name, "alias", aliasOf(spec.id)]);
  }
  if (spec.bridge.address) await replaceAddress(name, spec.bridge.address);
  await setUp(name);
  await setOffload(name, null, spec.bridge.offload);
}

async function upEndpoint(ctx: HostContext, spec: LabSpec, e: EndpointSpec): Promise<void> {
  if (e.attach.via !== "veth") throw new LabError("invalid", `${e.name}: a Linux bridge has no DPDK ports; attach it with veth`);
  const hostEnd = labNames.hostVeth(spec.id, e.name);
  let netns: string;
  let target: { pid: number } | { netnsName: string };
  if (e.kind === "container") {
    const pid = await ensureRunningContainer(ctx.docker, spec.id, e.name, labNames.container(spec.id, e.name));
    [netns, target] = [netnsOfPid(pid), { pid }];
  } else {
    const name = labNames.netns(spec.id, e.name);
    await ensureNetns(name);
    [netns, target] = [netnsOfName(name), { netnsName: name }];
  }
  if (!((await linkExists(CONTAINER_IFNAME, netns)) && (await linkExists(hostEnd)))) {
    await deleteLink(hostEnd);
    await deleteLink(CONTAINER_IFNAME, netns);
    await createVethInto(hostEnd, CONTAINER_IFNAME, target);
  }
  await isolateHostEnd(hostEnd);
  await flushNeighbours(netns);
  await setUp("lo", netns);
  await replaceAddress(CONTAINER_IFNAME, e.address, netns);
  await setUp(CONTAINER_IFNAME, netns);
  await runCommand("ip", ["link", "set", "dev", hostEnd, "master", spec.bridge.name]);
  await setUp(hostEnd);
  await setOffload(CONTAINER_IFNAME, netns, e.offload);
}

/** Brings the lab up on a Linux bridge named spec.bridge.name; safe to run again. */
export async function linuxBridgeUp(ctx: HostContext, spec: LabSpec): Promise<void> {
  await ensureLinuxBridge(spec);
  if (spec.endpoints.some((e) => e.kind === "container")) await ensureLabImage(ctx.docker);
  for (const e of spec.endpoints) await upEndpoint(ctx, spec, e);
}

/** Removes the lab's containers, namespaces and veths, then its Linux bridge (only if the alias says it is ours). */
export async function linuxBridgeDown(ctx: HostContext, labId: string, bridgeName: string): Promise<void> {
  await labDown(ctx, labId);
  if ((await bridgeAlias(bridgeName)) === aliasOf(labId)) await deleteLink(bridgeName);
}
