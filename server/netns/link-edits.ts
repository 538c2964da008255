import { runCommand } from "../run-command/run-command";
import { parseIpAddr, type IpLink } from "./parse-ip-addr";
import type { NetnsRef } from "./ip-links";

/** One interface as the kernel has it now (`ip -json -d addr show dev IF`), or null when it is not there. */
export async function readLink(ifname: string, netns: NetnsRef): Promise<IpLink | null> {
  const r = await runCommand("ip", ["-json", "-d", "addr", "show", "dev", ifname], { netns, timeoutMs: 5000, okExitCodes: [1, 255] });
  return r.exitCode === 0 ? (parseIpAddr(r.stdout)[0] ?? null) : null;
}

export async function setMtu(ifname: string, netns: NetnsRef, mtu: number): Promise<void> {
  await runCommand("ip", ["link", "set", "dev", ifname, "mtu", String(mtu)], { netns, timeoutMs: 5000 });
}

export async function setLinkUp(ifname: string, netns: NetnsRef, up: boolean): Promise<void> {
  await runCommand("ip", ["link", "set", "dev", ifname, up ? "up" : "down"], { netns, timeoutMs: 5000 });
}

/** The interface's IPv4 addresses become exactly `cidr` (the connected route follows the prefix). */
export async function setOnlyAddress(ifname: string, netns: NetnsRef, cidr: string): Promise<void> {
  await runCommand("ip", ["-4", "addr", "flush", "dev", ifname], { netns, timeoutMs: 5000 });
  await runCommand("ip", ["addr", "add", cidr, "dev", ifname], { netns, timeoutMs: 5000 });
}
