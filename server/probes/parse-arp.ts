/** ATF_COM in /proc/net/arp's Flags column: the entry has a MAC address. */
const ATF_COM = 0x2;

/**
 * Whether this namespace resolved `ipv4` to a MAC address, from /proc/net/arp
 * (`IP address  HW type  Flags  HW address  Mask  Device`): "resolved", "incomplete"
 * (the entry is there without ATF_COM: ARP asked and nobody answered) or "absent".
 */
export function neighbourState(arpText: string, ipv4: string): "resolved" | "incomplete" | "absent" {
  for (const line of arpText.split("\n").slice(1)) {
    const [ip, , flags] = line.trim().split(/\s+/);
    if (ip !== ipv4) continue;
    return (Number.parseInt(flags ?? "0", 16) & ATF_COM) !== 0 ? "resolved" : "incomplete";
  }
  return "absent";
}

/** Every address this namespace has resolved to a MAC address, from /proc/net/arp (one pass for a whole table). */
export function resolvedNeighbours(arpText: string): Set<string> {
  const resolved = new Set<string>();
  for (const line of arpText.split("\n").slice(1)) {
    const [ip, , flags] = line.trim().split(/\s+/);
    if (ip && (Number.parseInt(flags ?? "0", 16) & ATF_COM) !== 0) resolved.add(ip);
  }
  return resolved;
}
