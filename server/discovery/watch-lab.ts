import { spawn, type ChildProcess } from "node:child_process";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { MONITORED_COLUMNS } from "../ovs/ovs-state";
import { LAB_LABEL } from "../../lib/lab-spec/names";
import type { HostContext } from "../host/host-context";

/**
 * Calls `onChange` whenever OVSDB, Docker or the root namespace's links change:
 * an OVSDB monitor, the Docker event stream and `ip monitor`, no polling.
 * Returns a disposer.
 */
export async function watchLab(ctx: HostContext, socketPath: string, labId: string, onChange: (source: string) => void): Promise<() => void> {
  const disposers: (() => void)[] = [];
  const db = await OvsdbClient.connect(socketPath);
  db.on("update", () => onChange("ovsdb"));
  await db.monitor({ Bridge: MONITORED_COLUMNS.Bridge, Port: MONITORED_COLUMNS.Port, Interface: MONITORED_COLUMNS.Interface });
  disposers.push(() => db.close());

  const events = (await ctx.docker.getEvents({ filters: { type: ["container"], label: [`${LAB_LABEL}=${labId}`] } })) as NodeJS.ReadableStream & { destroy(): void };
  events.on("data", () => onChange("docker"));
  events.on("error", () => undefined);
  disposers.push(() => events.destroy());

  let ipMonitor: ChildProcess | null = spawn("ip", ["monitor", "link", "address"], { shell: false, stdio: ["ignore", "pipe", "ignore"] });
  ipMonitor.stdout!.on("data", () => onChange("netlink"));
  ipMonitor.on("error", () => (ipMonitor = null));
  disposers.push(() => ipMonitor?.kill());

  return () => disposers.forEach((d) => d());
}
