import { runCommand } from "../run-command/run-command";
import { parseIpAddr, type IpLink } from "./parse-ip-addr";

export type NetnsRef = string | null;

export const netnsOfPid = (pid: number) => `/proc/${pid}/ns/net`;
export const netnsOfName = (name: string) => `/run/netns/${name}`;

export async function listLinks(netns: NetnsRef): Promise<IpLink[]> {
  const { stdout } = await runCommand("ip", ["-json", "-s", "-d", "addr", "show"], { netns, timeoutMs: 5000 });
  return parseIpAddr(stdout);
}

export async function linkExists(ifname: string, netns: NetnsRef = null): Promise<boolean> {
  const r = await runCommand("ip", ["link", "show", "dev", ifname], { netns, okExitCodes: [1, 255] });
  return r.exitCode === 0;
}

/**
 * A veth pair whose inner end is created directly inside the target namespace
 * under its final name (no temporary name, no move).
 */
export async function createVethInto(hostEnd: string, innerName: string, target: { pid: number } | { netnsName: string }) {
  const where = "pid" in target ? String(target.pid) : target.netnsName;
  await runCommand("ip", ["link", "add", hostEnd, "type", "veth", "peer", "name", innerName, "netns", where]);
}

export async function deleteLink(ifname: string, netns: NetnsRef = null): Promise<void> {
  await runCommand("ip", ["link", "del", "dev", ifname], { netns, okExitCodes: [1, 255] });
}

export async function setUp(ifname: string, netns: NetnsRef = null): Promise<void> {
  await runCommand("ip", ["link", "set", "dev", ifname, "up"], { netns });
}

export async function replaceAddress(ifname: string, cidr: string, netns: NetnsRef = null): Promise<void> {
  await runCommand("ip", ["addr", "replace", cidr, "dev", ifname], { netns });
}

export async function listNetns(): Promise<string[]> {
  const { stdout } = await runCommand("ip", ["-json", "netns", "list"]);
  return (JSON.parse(stdout || "[]") as { name: string }[]).map((n) => n.name);
}

export async function ensureNetns(name: string): Promise<void> {
  if ((await listNetns()).includes(name)) return;
  await runCommand("ip", ["netns", "add", name]);
}

export async function deleteNetns(name: string): Promise<void> {
  await runCommand("ip", ["netns", "del", name], { okExitCodes: [1, 255] });
}

export async function flushNeighbours(netns: NetnsRef): Promise<void> {
  await runCommand("ip", ["neigh", "flush", "all"], { netns });
}

/** Only one device's entries: the root namespace's table is the whole host's. */
export async function flushNeighboursOn(ifname: string): Promise<void> {
  await runCommand("ip", ["neigh", "flush", "dev", ifname], { okExitCodes: [1, 255] });
}
