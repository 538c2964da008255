import { endpointBridge, labBridges, type EndpointSpec, type LabSpec } from "../../lib/lab-spec/schema";
import { labNames, OVS_LAB_KEY } from "../../lib/lab-spec/names";
import { ensureDpdkPort, ovsVsctl } from "../ovs/ovs-vsctl";
import { ensureBridgeFlows, ensureBridges, ensurePatchLinks } from "./bridges-up";
import { applyImpairment } from "../impair/apply-impairment";
import { readRelayedLinks, type RelayedLink } from "../impair/relay-link";
import { readBridges } from "../ovs/ovs-state";
import { ensureLabImage } from "../docker/lab-image";
import { flushNeighbours, flushNeighboursOn } from "../netns/ip-links";
import { plumbEndpoints, type EndpointPlumbing } from "./endpoint-up";
import { CommandError } from "../run-command/run-command";
import { LabError } from "./lab-errors";
import { removeStrays } from "./lab-down";
import { refuseHostConflicts } from "./host-safety";
import { allOrFirstError } from "../../lib/async/all-or-first-error";
import { phaseTimer } from "../trace/trace";
import type { HostContext } from "../host/host-context";

async function checkOwnership(ctx: HostContext, spec: LabSpec): Promise<void> {
  const bridges = await readBridges(ctx.ovsdb);
  for (const { name } of labBridges(spec)) {
    const bridge = bridges.find((b) => b.name === name);
    if (bridge && bridge.externalIds[OVS_LAB_KEY] !== spec.id)
      throw new LabError(
        "conflict",
        bridge.externalIds[OVS_LAB_KEY]
          ? `bridge ${name} belongs to lab "${bridge.externalIds[OVS_LAB_KEY]}"; bring that lab down first or choose another bridge name`
          : `bridge ${name} exists and was not made by ovs-lab; delete it (ovs-vsctl del-br ${name}) or choose another bridge name`,
      );
  }
  const ours = new Set(bridges.filter((b) => b.externalIds[OVS_LAB_KEY] === spec.id).map((b) => b.name));
  const portOwners = new Map(bridges.flatMap((b) => b.ports.map((p) => [p.name, b.name] as const)));
  for (const e of spec.endpoints) {
    if (e.attach.via !== "dpdk") continue;
    const owner = portOwners.get(e.attach.port);
    if (owner && !ours.has(owner))
      throw new LabError("conflict", `port ${e.attach.port} already exists on bridge ${owner}; choose another DPDK port name`);
  }
}

/** What a port's VLAN settings become in ovs-vsctl: an access tag, a trunk list, or neither (every VLAN). */
function vlanArgs(port: string, e: EndpointSpec): string[] {
  if (e.vlan !== undefined) return ["--", "set", "Port", port, `tag=${e.vlan}`, "--", "clear", "Port", port, "trunks"];
  if (e.trunks) return ["--", "set", "Port", port, `trunks=${e.trunks.join(",")}`, "--", "clear", "Port", port, "tag"];
  return ["--", "clear", "Port", port, "tag", "trunks"];
}

/**
 * The host ends on their bridges: veths as system ports in one transaction with every port's VLAN
 * settings, each DPDK port on its own (its error is its own). A port on another of the lab's
 * bridges than its spec says moves.
 */
async function attachToBridges(ctx: HostContext, spec: LabSpec, plumbed: EndpointPlumbing[], relayed: Map<string, RelayedLink>): Promise<void> {
  const byName = new Map(spec.endpoints.map((e) => [e.name, e]));
  // A relayed link (an impairment the kernel cannot make) has the relay's end on the bridge in the host end's place.
  const vethPort = (p: EndpointPlumbing) => (p.recreated ? p.hostEnd : (relayed.get(p.endpoint)?.bridgeEnd ?? p.hostEnd));
  const portOf = (p: EndpointPlumbing) => {
    const { attach } = byName.get(p.endpoint)!;
    return attach.via === "veth" ? vethPort(p) : attach.port;
  };
  const bridgeOf = (p: EndpointPlumbing) => endpointBridge(spec, byName.get(p.endpoint)!);
  const rows = (await readBridges(ctx.ovsdb)).filter((b) => b.externalIds[OVS_LAB_KEY] === spec.id);
  const onBridge = new Map(rows.flatMap((b) => b.ports.map((port) => [port.name, b.name] as const)));
  // The userspace datapath (and the af_packet PMD) keep a deleted device open: re-add the port so it opens the new one.
  const stale = plumbed.filter((p) => onBridge.has(portOf(p)) && (p.recreated || onBridge.get(portOf(p)) !== bridgeOf(p)));
  if (stale.length) await ovsVsctl(ctx.config, stale.flatMap((p, i) => [...(i ? ["--"] : []), "--if-exists", "del-port", onBridge.get(portOf(p))!, portOf(p)]));
  const staleNames = new Set(stale.map(portOf));
  const veths = plumbed.filter((p) => byName.get(p.endpoint)!.attach.via === "veth");
  const vethArgs = veths.flatMap((p) => [
    ...(staleNames.has(vethPort(p)) || !onBridge.has(vethPort(p)) ? ["--", "--may-exist", "add-port", bridgeOf(p), vethPort(p)] : []),
    ...vlanArgs(vethPort(p), byName.get(p.endpoint)!),
  ]);
  if (vethArgs.length) await ovsVsctl(ctx.config, vethArgs.slice(1));
  await Promise.all(
    plumbed.map(async (p) => {
      const e = byName.get(p.endpoint)!;
      if (e.attach.via !== "dpdk") return;
      const port = e.attach.port;
      const devargs = `${labNames.dpdkVdev(spec.id, port)},iface=${p.hostEnd}`;
      await ensureDpdkPort(ctx.config, bridgeOf(p), port, devargs).catch((err: unknown) => {
        const why = err instanceof CommandError ? err.stderr.trim().split("\n")[0] : String(err);
        throw new LabError(
          "unavailable",
          `DPDK port ${port} could not attach ${devargs}: ${why}. Is DPDK initialised (GET /api/health) and librte-net-af-packet23 installed?`,
        );
      });
      await ovsVsctl(ctx.config, [...vlanArgs(port, e), "--", "set", "Interface", port, `mtu_request=${e.mtu ?? 1500}`].slice(1));
    }),
  );
}

/**
 * Each link's impairment as the spec says: those with `impair`, and those relayed before (an up of a
 * spec without it takes the relay away). The port's VLAN settings follow it onto the relay's end.
 */
async function ensureImpairments(ctx: HostContext, spec: LabSpec, plumbed: EndpointPlumbing[], relayed: Map<string, RelayedLink>): Promise<void> {
  const byName = new Map(spec.endpoints.map((e) => [e.name, e]));
  const wanted = plumbed.filter((p) => byName.get(p.endpoint)!.attach.via === "veth" && (byName.get(p.endpoint)!.impair || relayed.has(p.endpoint)));
  await Promise.all(
    wanted.map(async (p) => {
      const e = byName.get(p.endpoint)!;
      const port = await applyImpairment(ctx, { labId: spec.id, endpoint: e.name, hostEnd: p.hostEnd, bridge: endpointBridge(spec, e), endpointNetns: p.netns, impairment: e.impair ?? null });
      await ovsVsctl(ctx.config, vlanArgs(port, e).slice(1));
    }),
  );
}

/** Brings a lab to the state its spec describes; safe to run again on a lab that is up. */
export async function labUp(ctx: HostContext, spec: LabSpec): Promise<void> {
  const phase = phaseTimer(`lab up ${spec.id}`);
  await refuseHostConflicts(ctx, spec);
  await checkOwnership(ctx, spec);
  phase("checks");
  // The switch and the endpoints are built side by side: the endpoints' veths meet the bridges only at attach.
  const [, plumbed] = await allOrFirstError([
    (async () => {
      await ensureBridges(ctx, spec);
      await ensurePatchLinks(ctx, spec);
      phase("bridges");
    })(),
    (async () => {
      if (spec.endpoints.some((e) => e.kind === "container")) await ensureLabImage(ctx.docker);
      const made = await plumbEndpoints(ctx, spec.id, spec.endpoints);
      phase("endpoints");
      return made;
    })(),
  ]);
  const relayed = new Map((await readRelayedLinks(spec.id)).map((l) => [l.endpoint, l]));
  await attachToBridges(ctx, spec, plumbed, relayed);
  await ensureImpairments(ctx, spec, plumbed, relayed);
  await ensureBridgeFlows(ctx, spec);
  phase("attach");
  if (plumbed.some((p) => p.recreated)) {
    // A rebuilt endpoint has a new MAC; everyone else's neighbour entry for it would point at the old one
    // (a namespace made by this up has none).
    await Promise.all([...plumbed.filter((p) => !p.freshNetns).map((p) => flushNeighbours(p.netns)), ...labBridges(spec).map((b) => flushNeighboursOn(b.name))]);
  }
  await removeStrays(ctx, spec);
  phase("strays");
}
