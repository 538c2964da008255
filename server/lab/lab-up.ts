import type { LabSpec, EndpointSpec } from "../../lib/lab-spec/schema";
import { labNames, OVS_LAB_KEY } from "../../lib/lab-spec/names";
import { deletePort, ensureBridge, ensureDpdkPort, ensureSystemPort } from "../ovs/ovs-vsctl";
import { readBridges } from "../ovs/ovs-state";
import { ensureLabImage } from "../docker/lab-image";
import { flushNeighbours, flushNeighboursOn, replaceAddress, setUp } from "../netns/ip-links";
import { setOffload } from "../offload/ethtool";
import { plumbEndpoint, type EndpointPlumbing } from "./endpoint-up";
import { CommandError } from "../run-command/run-command";
import { LabError } from "./lab-errors";
import { removeStrays } from "./lab-down";
import { refuseHostConflicts } from "./host-safety";
import type { HostContext } from "../host/host-context";

async function checkOwnership(ctx: HostContext, spec: LabSpec): Promise<void> {
  const bridges = await readBridges(ctx.ovsdb);
  const bridge = bridges.find((b) => b.name === spec.bridge.name);
  if (bridge && bridge.externalIds[OVS_LAB_KEY] !== spec.id)
    throw new LabError(
      "conflict",
      bridge.externalIds[OVS_LAB_KEY]
        ? `bridge ${spec.bridge.name} belongs to lab "${bridge.externalIds[OVS_LAB_KEY]}"; bring that lab down first or choose another bridge name`
        : `bridge ${spec.bridge.name} exists and was not made by ovs-lab; delete it (ovs-vsctl del-br ${spec.bridge.name}) or choose another bridge name`,
    );
  const portOwners = new Map(bridges.flatMap((b) => b.ports.map((p) => [p.name, b.name] as const)));
  for (const e of spec.endpoints) {
    if (e.attach.via !== "dpdk") continue;
    const owner = portOwners.get(e.attach.port);
    if (owner && owner !== spec.bridge.name)
      throw new LabError("conflict", `port ${e.attach.port} already exists on bridge ${owner}; choose another DPDK port name`);
  }
}

/** The endpoint plumbed in, its host end on the bridge as a system port or under a DPDK port. */
async function upEndpoint(ctx: HostContext, spec: LabSpec, e: EndpointSpec): Promise<EndpointPlumbing> {
  const plumbing = await plumbEndpoint(ctx, spec.id, e);
  const { hostEnd, recreated } = plumbing;
  const attach = e.attach;
  // The userspace datapath (and the af_packet PMD) keep a deleted device open: re-add the port so it opens the new one.
  if (recreated) await deletePort(ctx.config, spec.bridge.name, attach.via === "veth" ? hostEnd : attach.port);
  if (attach.via === "veth") {
    await ensureSystemPort(ctx.config, spec.bridge.name, hostEnd);
  } else {
    const devargs = `${labNames.dpdkVdev(spec.id, attach.port)},iface=${hostEnd}`;
    await ensureDpdkPort(ctx.config, spec.bridge.name, attach.port, devargs).catch((err: unknown) => {
      const why = err instanceof CommandError ? err.stderr.trim().split("\n")[0] : String(err);
      throw new LabError(
        "unavailable",
        `DPDK port ${attach.port} could not attach ${devargs}: ${why}. Is DPDK initialised (GET /api/health) and librte-net-af-packet23 installed?`,
      );
    });
  }
  return plumbing;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const queue = [...items];
  const results: R[] = [];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) results.push(await fn(item));
  }));
  return results;
}

/** Brings a lab to the state its spec describes; safe to run again on a lab that is up. */
export async function labUp(ctx: HostContext, spec: LabSpec): Promise<void> {
  await refuseHostConflicts(ctx, spec);
  await checkOwnership(ctx, spec);
  await ensureBridge(ctx.config, spec.bridge.name, spec.bridge.datapath, spec.id);
  if (spec.bridge.address) await replaceAddress(spec.bridge.name, spec.bridge.address);
  await setUp(spec.bridge.name);
  await setOffload(spec.bridge.name, null, spec.bridge.offload);
  if (spec.endpoints.some((e) => e.kind === "container")) await ensureLabImage(ctx.docker);
  const plumbed = await mapLimited(spec.endpoints, 6, (e) => upEndpoint(ctx, spec, e));
  if (plumbed.some((p) => p.recreated)) {
    // A rebuilt endpoint has a new MAC; everyone else's neighbour entry for it would point at the old one.
    await Promise.all([...plumbed.map((p) => flushNeighbours(p.netns)), flushNeighboursOn(spec.bridge.name)]);
  }
  await removeStrays(ctx, spec);
}
