import { run } from "./processes";
import { forwardPort } from "./tcp-forward";
import { hostLinkOf, netnsNameOf } from "./cleanup-dir";

/**
 * A network namespace for a private OVS pair and the ovs-lab server that drives it: two userspace
 * ovs-vswitchd in one namespace fight over the datapath's tap device "ovs-netdev" (the second one's
 * netdev bridges fail with EBUSY), so the private pair cannot share the main pair's namespace.
 * A veth link joins it to the host; `forward` makes 127.0.0.1:port on the host reach the server inside.
 */
export interface PrivateNetns {
  name: string;
  path: string;
  /** The namespace's address on the link. */
  address: string;
  /** From now on (as soon as the server inside listens), 127.0.0.1:port on the host reaches port inside. */
  forward(port: number): void;
  remove(): Promise<void>;
}

export async function createPrivateNetns(id: string, link: { hostCidr: string; nsCidr: string }): Promise<PrivateNetns> {
  const name = netnsNameOf(id);
  const [hostEnd, nsEnd] = [hostLinkOf(id), `ovf${id}n`];
  await run("ip", ["netns", "add", name]);
  const stops: (() => void)[] = [];
  const remove = async () => {
    stops.forEach((stop) => stop());
    await run("ip", ["link", "del", hostEnd]).catch(() => undefined);
    await run("ip", ["netns", "del", name]).catch(() => undefined);
  };
  try {
    await run("ip", ["-n", name, "link", "set", "lo", "up"]);
    await run("ip", ["link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd, "netns", name]);
    await run("ip", ["addr", "add", link.hostCidr, "dev", hostEnd]);
    await run("ip", ["link", "set", hostEnd, "up"]);
    await run("ip", ["-n", name, "addr", "add", link.nsCidr, "dev", nsEnd]);
    await run("ip", ["-n", name, "link", "set", nsEnd, "up"]);
  } catch (err) {
    await remove();
    throw err;
  }
  const address = link.nsCidr.split("/")[0];
  return {
    name,
    path: `/run/netns/${name}`,
    address,
    remove,
    forward: (port) => void stops.push(forwardPort(port, address)),
  };
}
