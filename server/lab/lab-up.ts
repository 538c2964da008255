import type { LabSpec } from "../../lib/lab-spec/schema";
import { labNames, OVS_LAB_KEY } from "../../lib/lab-spec/names";
import { ensureBridge, ensureDpdkPort, ovsVsctl } from "../ovs/ovs-vsctl";
import { readBridges } from "../ovs/ovs-state";
import { ensureLabImage } from "../docker/lab-image";
import { flushNeighbours, flushNeighboursOn, replaceAddress, setUp } from "../netns/ip-links";
import { setOffload } from "../offload/ethtool";
import { plumbEndpoints, type EndpointPlumbing } from "./endpoint-up";
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

/** The host ends on the bridge: veths as system ports in one transaction, each DPDK port on its own (its error is its own). */
async function attachToBridge(ctx: HostContext, spec: LabSpec, plumbed: EndpointPlumbing[]): Promise<void> {
  const bridge = spec.bridge.name;
  const attachOf = new Map(spec.endpoints.map((e) => [e.name, e.attach]));
  const portOf = (p: EndpointPlumbing) => {
    const attach = attachOf.get(p.endpoint)!;
    return attach.via === "veth" ? p.hostEnd : attach.port;
  };
  const existing = new Set((await readBridges(ctx.ovsdb)).find((b) => b.name === bridge)?.ports.map((p) => p.name) ?? []);
  // The userspace datapath (and the af_packet PMD) keep a deleted device open: re-add the port so it opens the new one.
  const stale = plumbed.filter((p) => p.recreated && existing.has(portOf(p))).map(portOf);
  if (stale.length) await ovsVsctl(ctx.config, stale.flatMap((port, i) => [...(i ? ["--"] : []), "--if-exists", "del-port", bridge, port]));
  const veths = plumbed.filter((p) => attachOf.get(p.endpoint)!.via === "veth" && (p.recreated || !existing.has(p.hostEnd)));
  if (veths.length) await ovsVsctl(ctx.config, veths.flatMap((p, i) => [...(i ? ["--"] : []), "--may-exist", "add-port", bridge, p.hostEnd]));
  await Promise.all(
    plumbed.map(async (p) => {
      const attach = attachOf.get(p.endpoint)!;
      if (attach.via !== "dpdk") return;
      const devargs = `${labNames.dpdkVdev(spec.id, attach.port)},iface=${p.hostEnd}`;
      await ensureDpdkPort(ctx.config, bridge, attach.port, devargs).catch((err: unknown) => {
        const why = err instanceof CommandError ? err.stderr.trim().split("\n")[0] : String(err);
        throw new LabError(
          "unavailable",
          `DPDK port ${attach.port} could not attach ${devargs}: ${why}. Is DPDK initialised (GET /api/health) and librte-net-af-packet23 installed?`,
        );
      });
    }),
  );
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
  const plumbed = await plumbEndpoints(ctx, spec.id, spec.endpoints);
  await attachToBridge(ctx, spec, plumbed);
  if (plumbed.some((p) => p.recreated)) {
    // A rebuilt endpoint has a new MAC; everyone else's neighbour entry for it would point at the old one
    // (a namespace made by this up has none).
    await Promise.all([...plumbed.filter((p) => !p.freshNetns).map((p) => flushNeighbours(p.netns)), flushNeighboursOn(spec.bridge.name)]);
  }
  await removeStrays(ctx, spec);
}
