import type { HostContext } from "../host/host-context";
import { readBridges } from "../ovs/ovs-state";
import { ovsVsctl } from "../ovs/ovs-vsctl";
import { ipBatch } from "../netns/ip-batch";

/**
 * Moves an endpoint's place on its bridge from one interface to another (the host end and a relay's
 * bridge side), in one OVSDB transaction for an OVS bridge (the VLAN tag goes with it), or with `ip` for
 * a Linux bridge. Nothing happens when `from` is not on the bridge and `to` already is.
 */
export async function moveBridgePort(ctx: HostContext, bridge: string, from: string, to: string): Promise<void> {
  const ovs = (await readBridges(ctx.ovsdb)).find((b) => b.name === bridge);
  if (ovs) {
    const old = ovs.ports.find((p) => p.name === from);
    const has = ovs.ports.some((p) => p.name === to);
    if (!old && has) return;
    const tag = old?.tag ?? null;
    await ovsVsctl(ctx.config, [
      "--if-exists", "del-port", bridge, from,
      "--", "--may-exist", "add-port", bridge, to,
      ...(tag !== null ? ["--", "set", "Port", to, `tag=${tag}`] : []),
    ]);
    return;
  }
  // A Linux bridge (lab format v2's kind for A/B comparisons).
  await ipBatch([
    ["link", "set", "dev", from, "nomaster"],
    ["link", "set", "dev", to, "master", bridge],
  ]);
}
