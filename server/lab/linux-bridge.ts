import type { LabSpec } from "../../lib/lab-spec/schema";
import { ensureLabImage } from "../docker/lab-image";
import { deleteLink, replaceAddress, setUp } from "../netns/ip-links";
import { plumbEndpoints } from "./endpoint-up";
import { ipBatch } from "../netns/ip-batch";
import { setOffload } from "../offload/ethtool";
import { runCommand } from "../run-command/run-command";
import { LabError } from "./lab-errors";
import { labDown } from "./lab-down";
import type { HostContext } from "../host/host-context";

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

/** Brings the lab up on a Linux bridge named spec.bridge.name; safe to run again. */
export async function linuxBridgeUp(ctx: HostContext, spec: LabSpec): Promise<void> {
  await ensureLinuxBridge(spec);
  if (spec.endpoints.some((e) => e.kind === "container")) await ensureLabImage(ctx.docker);
  const dpdk = spec.endpoints.find((e) => e.attach.via !== "veth");
  if (dpdk) throw new LabError("invalid", `${dpdk.name}: a Linux bridge has no DPDK ports; attach it with veth`);
  const plumbed = await plumbEndpoints(ctx, spec.id, spec.endpoints);
  await ipBatch(plumbed.map((p) => ["link", "set", "dev", p.hostEnd, "master", spec.bridge.name]));
}

/** Removes the lab's containers, namespaces and veths, then its Linux bridge (only if the alias says it is ours). */
export async function linuxBridgeDown(ctx: HostContext, labId: string, bridgeName: string): Promise<void> {
  await labDown(ctx, labId);
  if ((await bridgeAlias(bridgeName)) === aliasOf(labId)) await deleteLink(bridgeName);
}
