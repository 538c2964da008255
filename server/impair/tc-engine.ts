import type { Impairment } from "../../lib/contracts/impairment";
import type { NetnsRef } from "../netns/ip-links";
import { runCommand } from "../run-command/run-command";
import { qdiscArgs } from "./choose-engine";
import { parseRootQdisc, type RootQdisc } from "./parse-tc-qdisc";

/** The kernel's engines: a netem or tbf qdisc at the root of one interface (it acts on what leaves it). */

/** Kinds ovs-lab puts there; any other root qdisc was made by someone else and is left alone. */
const OURS = new Set(["netem", "tbf"]);

export async function readRootQdisc(ifname: string, netns: NetnsRef): Promise<RootQdisc | null> {
  const r = await runCommand("tc", ["-json", "qdisc", "show", "dev", ifname], { netns, timeoutMs: 5000, okExitCodes: [1, 2] });
  return r.exitCode === 0 ? parseRootQdisc(r.stdout) : null;
}

export async function setQdisc(ifname: string, netns: NetnsRef, engine: "netem" | "tbf", impairment: Impairment): Promise<void> {
  await runCommand("tc", ["qdisc", "replace", "dev", ifname, "root", ...qdiscArgs(engine, impairment)], { netns, timeoutMs: 5000 });
}

/** Removes a netem or tbf root qdisc (the interface goes back to its default); true when there was one. */
export async function clearQdisc(ifname: string, netns: NetnsRef): Promise<boolean> {
  const root = await readRootQdisc(ifname, netns);
  if (!root || !OURS.has(root.kind)) return false;
  await runCommand("tc", ["qdisc", "del", "dev", ifname, "root"], { netns, timeoutMs: 5000, okExitCodes: [2] });
  return true;
}
