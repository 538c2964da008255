import type { OvsTarget } from "./ovs-target";
import { ovsVsctl } from "./ovs-vsctl";

type DbTarget = Pick<OvsTarget, "ovsdbSocket">;

/** The port's VLAN tag, or null when it has none (ovs-vsctl prints `[]`). */
export async function readPortTag(target: DbTarget, port: string): Promise<number | null> {
  const { stdout } = await ovsVsctl(target, ["get", "Port", port, "tag"]);
  const value = stdout.trim();
  return /^\d+$/.test(value) ? Number(value) : null;
}

/** An access port of VLAN `tag`; null clears it (the port carries every VLAN again). */
export async function setPortTag(target: DbTarget, port: string, tag: number | null): Promise<void> {
  await ovsVsctl(target, tag === null ? ["clear", "Port", port, "tag"] : ["set", "Port", port, `tag=${tag}`]);
}
