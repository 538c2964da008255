import { access, rm } from "node:fs/promises";
import path from "node:path";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { ensureLabImage } from "../docker/lab-image";
import { ovsVsctl } from "../ovs/ovs-vsctl";
import { labDown, removeStrays } from "../lab/lab-down";
import { refuseHostConflicts } from "../lab/host-safety";
import { LabError } from "../lab/lab-errors";
import type { HostContext } from "../host/host-context";
import { ensureSimulatedHost, ensureUnderlayBridge, removeSimulatedHost, removeUnderlaySbRemote, resolveUnderlayNeighbours } from "./simulated-host";
import { placeEndpoints, routeThroughGateways, warmPathsAcrossHosts } from "./host-endpoints";
import { ensureLogicalSwitch, removeLogicalSwitch, waitForLabReady } from "./logical-switch";
import { ensureOvnCentral, OVN_NB_SOCKET } from "./ovn-central";
import { hostNames, LAB_RUN_ROOT, ROUTER_KEY } from "./host-names";
import { findLabHosts } from "./find-lab-hosts";

/**
 * Brings a multi-host lab to its spec on this machine: OVN central, one simulated host per
 * `hosts` entry (namespace, OVS pair, underlay, ovn-controller), the endpoints on their hosts'
 * br_int, the logical switch and its ports; what the spec no longer names goes. Safe to run again.
 */
export async function multiHostUp(ctx: HostContext, spec: LabSpec): Promise<void> {
  const hosts = spec.hosts ?? [];
  await refuseHostConflicts(ctx, spec);
  await ensureOvnCentral().catch((err: unknown) => {
    throw new LabError("unavailable", `lab ${spec.id} has hosts, so it needs OVN: ${err instanceof Error ? err.message : String(err)}`);
  });
  const sbTcpRemote = await ensureUnderlayBridge(ctx, spec.id, hosts);
  const [places] = await Promise.all([
    Promise.all(hosts.map(async (h) => [h.name, await ensureSimulatedHost(ctx, spec.id, h, sbTcpRemote)] as const)),
    spec.endpoints.some((e) => e.kind === "container") ? ensureLabImage(ctx.docker) : Promise.resolve(),
  ]);
  const macs = await placeEndpoints(ctx, spec, new Map(places));
  await routeThroughGateways(ctx, spec);
  // Discovery reads the router's gateways here (the NB is not read at every discovery).
  const underlay = hostNames.underlayBridge(spec.id);
  await ovsVsctl(ctx.config, spec.router ? ["set", "Bridge", underlay, `external_ids:${ROUTER_KEY}="${spec.router.gateways.join(",")}"`] : ["remove", "Bridge", underlay, "external_ids", ROUTER_KEY]);
  await ensureLogicalSwitch(spec, macs);
  await removeStrays(ctx, spec);
  const wanted = new Set(hosts.map((h) => h.name));
  for (const host of await findLabHosts(spec.id)) if (!wanted.has(host)) await removeSimulatedHost(ctx, spec.id, host);
  await resolveUnderlayNeighbours(spec.id, hosts);
  await waitForLabReady(spec);
  await warmPathsAcrossHosts(ctx, spec);
}

/** Everything of the lab gone: endpoints (as on one host), hosts with their daemons and chassis, NB rows, the underlay. */
export async function multiHostDown(ctx: HostContext, labId: string): Promise<{ removed: number }> {
  const { removed } = await labDown(ctx, labId);
  const hosts = await findLabHosts(labId);
  for (const host of hosts) await removeSimulatedHost(ctx, labId, host);
  const ports = (await access(OVN_NB_SOCKET).then(() => true, () => false)) ? await removeLogicalSwitch(labId) : 0;
  await removeUnderlaySbRemote(ctx, labId);
  await ovsVsctl(ctx.config, ["--if-exists", "del-br", hostNames.underlayBridge(labId)]);
  await rm(path.join(LAB_RUN_ROOT, labId), { recursive: true, force: true });
  return { removed: removed + hosts.length + ports };
}
