import type { ImpairmentSupport } from "../../lib/contracts/impairment";
import { deleteLink } from "../netns/ip-links";
import { runCommand } from "../run-command/run-command";

/**
 * What this kernel can do to a link, tried rather than assumed: a netem and a tbf qdisc on a scratch
 * veth pair that is deleted again (a kernel without sch_netem answers "Specified qdisc kind is unknown").
 */

async function tries(ifname: string, qdisc: string[]): Promise<boolean> {
  const r = await runCommand("tc", ["qdisc", "replace", "dev", ifname, "root", ...qdisc], { timeoutMs: 5000, okExitCodes: [1, 2] });
  return r.exitCode === 0;
}

export function describeSupport(netem: boolean, tbf: boolean): string {
  if (netem) return "delay, jitter, loss and rate via netem (the kernel's)";
  return `delay, jitter and loss via relay (this kernel has no netem); rate ${tbf ? "alone via tbf, with the others via relay" : "via relay too (no tbf either)"}`;
}

async function probe(): Promise<ImpairmentSupport> {
  const scratch = `ovslabnp${process.pid % 100000}`;
  await deleteLink(scratch);
  try {
    await runCommand("ip", ["link", "add", scratch, "type", "veth", "peer", "name", `${scratch}p`], { timeoutMs: 5000 });
  } catch {
    return { netem: false, tbf: false, summary: describeSupport(false, false) + " (could not make a scratch veth to try)" };
  }
  try {
    const netem = await tries(scratch, ["netem", "delay", "1ms"]);
    const tbf = await tries(scratch, ["tbf", "rate", "1mbit", "burst", "3200", "latency", "50ms"]);
    return { netem, tbf, summary: describeSupport(netem, tbf) };
  } finally {
    await deleteLink(scratch);
  }
}

let probed: Promise<ImpairmentSupport> | null = null;

/** Probed once per process (at server start), then remembered. */
export function impairmentSupport(): Promise<ImpairmentSupport> {
  probed ??= probe().catch((err: unknown) => {
    probed = null;
    throw err;
  });
  return probed;
}
