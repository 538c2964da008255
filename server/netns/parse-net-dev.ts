import type { InterfaceCounters } from "../../lib/contracts/topology";

/**
 * Parses /proc/<pid>/net/dev (that process's namespace's interfaces): each line is
 * `ifname: rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs drop ...`.
 */
export function parseNetDev(text: string): Map<string, InterfaceCounters> {
  const counters = new Map<string, InterfaceCounters>();
  for (const line of text.split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (f.length < 16 || f.some((n) => !Number.isFinite(n))) continue;
    counters.set(line.slice(0, colon).trim(), { rxPackets: f[1], rxErrors: f[2], rxDropped: f[3], txPackets: f[9], txErrors: f[10], txDropped: f[11] });
  }
  return counters;
}
