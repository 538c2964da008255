import path from "node:path";
import type { ServerConfig } from "../config/env";
import { livePid } from "../host/pid-file";
import { runCommand, type RunOptions, type RunResult } from "../run-command/run-command";

/** Which ovsdb-server and ovs-vswitchd ovs-lab drives: the main pair, or a private pair a test started. */
export type OvsTarget = Pick<ServerConfig, "ovsdbSocket" | "vswitchdCtl" | "ovsRunDir">;

/** ovs-vsctl's `--db=` for the configured ovsdb-server. */
export const vsctlDbArg = (target: Pick<OvsTarget, "ovsdbSocket">) => `--db=unix:${target.ovsdbSocket}`;

export const vswitchdPidFile = (target: Pick<OvsTarget, "ovsRunDir">) => path.join(target.ovsRunDir, "ovs-vswitchd.pid");

/** ovs-vswitchd's control socket: the configured one, else the one its pid file names (ovs-vswitchd.PID.ctl). */
export async function vswitchdControl(target: OvsTarget): Promise<string> {
  if (target.vswitchdCtl) return target.vswitchdCtl;
  const pid = await livePid(vswitchdPidFile(target));
  return path.join(target.ovsRunDir, pid ? `ovs-vswitchd.${pid}.ctl` : "ovs-vswitchd.ctl");
}

/** `ovs-appctl -t <control socket> ...` on the configured ovs-vswitchd. */
export async function vswitchdAppctl(target: OvsTarget, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return runCommand("ovs-appctl", ["-t", await vswitchdControl(target), ...args], options);
}
