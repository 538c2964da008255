import { labBridges, type LabSpec } from "../../lib/lab-spec/schema";
import { readRelayedLinks } from "../impair/relay-link";
import { labNames, OVS_LAB_KEY } from "../../lib/lab-spec/names";
import { deleteBridge, deletePort } from "../ovs/ovs-vsctl";
import { readBridges } from "../ovs/ovs-state";
import { listLabContainers, removeContainer } from "../docker/containers";
import { deleteLink, deleteNetns, listLinks, listNetns } from "../netns/ip-links";
import type { HostContext } from "../host/host-context";

interface LabObjects {
  bridges: string[];
  containers: { name: string; endpoint: string }[];
  netns: { name: string; endpoint: string }[];
  hostVeths: string[];
}

/** Everything on this host that carries the lab's id in its name, label or OVSDB tag. */
export async function findLabObjects(ctx: HostContext, labId: string): Promise<LabObjects> {
  const nsPrefix = labNames.netns(labId, "");
  const [bridges, containers, netns, links] = await Promise.all([
    readBridges(ctx.ovsdb),
    listLabContainers(ctx.docker, labId),
    listNetns(),
    listLinks(null),
  ]);
  return {
    bridges: bridges.filter((b) => b.externalIds[OVS_LAB_KEY] === labId).map((b) => b.name),
    containers: containers.map((c) => ({ name: c.name, endpoint: c.endpoint })),
    netns: netns.filter((n) => n.startsWith(nsPrefix)).map((n) => ({ name: n, endpoint: n.slice(nsPrefix.length) })),
    hostVeths: links.filter((l) => l.kind === "veth" && l.ifname.startsWith(`${labId}-`)).map((l) => l.ifname),
  };
}

/** Removes every object of the lab; a lab that is already down is not an error. */
export async function labDown(ctx: HostContext, labId: string): Promise<{ removed: number }> {
  const objects = await findLabObjects(ctx, labId);
  await Promise.all(objects.bridges.map((b) => deleteBridge(ctx.config, b)));
  await Promise.all(objects.containers.map((c) => removeContainer(ctx.docker, c.name)));
  await Promise.all(objects.netns.map((n) => deleteNetns(n.name)));
  await Promise.all(objects.hostVeths.map((v) => deleteLink(v)));
  return { removed: objects.bridges.length + objects.containers.length + objects.netns.length + objects.hostVeths.length };
}

/** After an `up`, removes what the lab has but its spec no longer names. */
export async function removeStrays(ctx: HostContext, spec: LabSpec): Promise<void> {
  const wanted = new Set(spec.endpoints.map((e) => e.name));
  const objects = await findLabObjects(ctx, spec.id);
  const bridgeNames = new Set(labBridges(spec).map((b) => b.name));
  const wantedPorts = new Set([
    ...bridgeNames,
    ...spec.endpoints.map((e) => (e.attach.via === "dpdk" ? e.attach.port : labNames.hostVeth(spec.id, e.name))),
    ...(spec.links ?? []).flatMap((_, i) => [labNames.patchPort(spec.id, i + 1, "a"), labNames.patchPort(spec.id, i + 1, "b")]),
    // An impaired link's relay end stands on the bridge in its host end's place.
    ...(await readRelayedLinks(spec.id)).filter((l) => wanted.has(l.endpoint)).map((l) => l.bridgeEnd),
  ]);
  const labBridgeRows = (await readBridges(ctx.ovsdb)).filter((b) => bridgeNames.has(b.name));
  const ownPort = (name: string) => name.startsWith(`${spec.id}-`) || name.startsWith(`${spec.id}_`);
  await Promise.all([
    ...objects.bridges.filter((b) => !bridgeNames.has(b)).map((b) => deleteBridge(ctx.config, b)),
    ...objects.containers.filter((c) => !wanted.has(c.endpoint)).map((c) => removeContainer(ctx.docker, c.name)),
    ...objects.netns.filter((n) => !wanted.has(n.endpoint)).map((n) => deleteNetns(n.name)),
    ...labBridgeRows.flatMap((b) => b.ports.filter((p) => ownPort(p.name) && !wantedPorts.has(p.name)).map((p) => deletePort(ctx.config, b.name, p.name))),
  ]);
}
