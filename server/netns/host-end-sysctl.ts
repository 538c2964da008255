import { writeFile } from "node:fs/promises";

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * A veth end that is only a switch port must stay out of the host's IP stack.
 * Linux answers ARP for any local address on any interface (arp_ignore=0), so a
 * container asking for the bridge's address could get this veth's MAC instead and
 * reach the host through the kernel directly, bypassing OVS, and TCP would "work"
 * for the wrong reason. arp_ignore=8 never answers; no IPv6 means no link-local noise.
 */
export async function isolateHostEnd(ifname: string): Promise<void> {
  if (!IFNAME.test(ifname)) throw new Error(`not an interface name: ${ifname}`);
  await writeFile(`/proc/sys/net/ipv4/conf/${ifname}/arp_ignore`, "8");
  await writeFile(`/proc/sys/net/ipv6/conf/${ifname}/disable_ipv6`, "1").catch(() => undefined);
}
