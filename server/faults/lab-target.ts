import type { EndpointKind } from "../../lib/contracts/topology";
import { discoverLab, type Discovery } from "../discovery/discover-lab";
import type { HostContext } from "../host/host-context";
import { LabError } from "../lab/lab-errors";

/** A running endpoint, as faults and fixes reach it on the host. */
export interface EndpointTarget {
  name: string;
  kind: EndpointKind;
  /** Its network namespace; null: the machine's own (the "host" endpoint, the bridge's internal port). */
  netns: string | null;
  /** Its lab interface: eth0 inside a container or namespace, the bridge's internal port for "host". */
  ifname: string;
  /** The root namespace's end of its veth (on the bridge, or the wire under a DPDK port); null for "host". */
  hostEnd: string | null;
  /** The bridge port it hangs on: its veth's host end, a DPDK port, or the bridge's internal port. */
  port: string | null;
}

/** What faults and fixes need of one lab, whichever lab registry it comes from. */
export interface LabTarget {
  labId: string;
  bridge: string | null;
  endpoints: EndpointTarget[];
}

const ifnameOf = (id: string) => id.slice(id.indexOf(":") + 1);

/** From what discovery found (never from a template): the running endpoints, their namespaces, veth ends and ports. */
export function labTargetOf({ topology, runtimes }: Discovery): LabTarget {
  const bridge = topology.bridge;
  const endpoints = runtimes.flatMap((runtime): EndpointTarget[] => {
    const endpoint = topology.endpoints.find((e) => e.name === runtime.name);
    if (!endpoint) return [];
    if (endpoint.kind === "host") return bridge ? [{ name: "host", kind: "host", netns: null, ifname: bridge.name, hostEnd: null, port: bridge.name }] : [];
    const inner = topology.interfaces.find((i) => i.owner === endpoint.name && i.role === "container-end" && i.peerId !== null) ?? topology.interfaces.find((i) => i.owner === endpoint.name);
    if (!inner) return [];
    const peer = inner.peerId;
    const port = bridge?.ports.find((p) => (peer !== null && p.interfaceId === peer) || (peer !== null && p.dpdk?.wireInterfaceId === peer))?.name ?? null;
    return [{ name: endpoint.name, kind: endpoint.kind, netns: runtime.netns, ifname: inner.ifname, hostEnd: peer ? ifnameOf(peer) : null, port }];
  });
  return { labId: topology.labId, bridge: bridge?.name ?? null, endpoints };
}

export async function discoverLabTarget(ctx: HostContext, labId: string): Promise<LabTarget> {
  return labTargetOf(await discoverLab(ctx, labId));
}

/** The running endpoint `name`, or a 404/409 that says which ones there are. */
export function endpointOf(lab: LabTarget, name: string): EndpointTarget {
  const endpoint = lab.endpoints.find((e) => e.name === name);
  if (!endpoint) throw new LabError("notFound", `no running endpoint "${name}" in lab ${lab.labId}; running: ${lab.endpoints.map((e) => e.name).join(", ") || "none"}`);
  return endpoint;
}

/** The endpoint's veth end on the host side, for faults planted on that end. */
export function hostEndOf(endpoint: EndpointTarget): string {
  if (!endpoint.hostEnd) throw new LabError("conflict", `${endpoint.name} has no veth end on the host`);
  return endpoint.hostEnd;
}

/** Its namespace, for what must never run in the machine's own (iptables, offload on a container end). */
export function ownNamespaceOf(endpoint: EndpointTarget): string {
  if (!endpoint.netns) throw new LabError("invalid", `"${endpoint.name}" is this machine's own namespace, not a lab endpoint's`);
  return endpoint.netns;
}
