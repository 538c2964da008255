import type { LabHost, NetInterface } from "../../lib/contracts/topology";
import { HOST_UNDERLAY_IFNAME, hostNames } from "../multihost/host-names";
import { netnsOfName } from "../netns/ip-links";
import type { CaptureTarget } from "./capture-stream";

/**
 * The underlay interface of a host of a multi-host lab, id `<host>:ul0`: its end of the underlay
 * veth inside its namespace (on br-phy). Chosen over the root end on the underlay bridge: both see
 * every Geneve packet (checked here), and this is where a real host's NIC would be captured.
 */
export const underlayInterfaceId = (host: string) => `${host}:${HOST_UNDERLAY_IFNAME}`;

/** An underlay id checked against the hosts discovery found; null when it names none. */
export function underlayTarget(labId: string, hosts: LabHost[], interfaceId: string): CaptureTarget | null {
  const host = hosts.find((h) => underlayInterfaceId(h.name) === interfaceId);
  if (!host) return null;
  return {
    interfaceId,
    ifname: HOST_UNDERLAY_IFNAME,
    netns: netnsOfName(hostNames.netns(labId, host.name)),
    encapsulation: "geneve",
    caveat: `host ${host.name}'s underlay (${host.underlay}): Geneve packets to and from its tunnels, the inner packet decoded`,
  };
}

/**
 * An interface discovery puts inside a host's namespace (an endpoint's host end there): its owner is
 * `host:<host>` (never a bare host name, which an endpoint may also be called).
 */
export function hostNamespaceTarget(labId: string, hosts: LabHost[], iface: NetInterface): CaptureTarget | null {
  const host = hosts.find((h) => iface.owner === `host:${h.name}`);
  return host ? { interfaceId: iface.id, ifname: iface.ifname, netns: netnsOfName(hostNames.netns(labId, host.name)) } : null;
}
