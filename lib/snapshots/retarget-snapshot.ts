import type { LabSpec } from "../lab-spec/schema";

export interface LabNaming {
  labId: string;
  bridge: string;
}

/**
 * Moves an interface id from one lab's names to another's: the bridge's internal port and the host
 * ends named `<lab>-<endpoint>`; ids inside endpoints (`c1:eth0`) are the same in every lab.
 */
export function mapInterfaceId(id: string, from: LabNaming, to: LabNaming): string {
  const [owner, ifname] = id.split(/:(.*)/s, 2);
  if (owner !== "host" || ifname === undefined) return id;
  // A multi-host lab's host end, inside one of its hosts (`host:<host>:<lab>-<endpoint>`): the host stays.
  const inHost = /^([^:]+):(.+)$/s.exec(ifname);
  if (inHost) return inHost[2].startsWith(`${from.labId}-`) ? `host:${inHost[1]}:${to.labId}-${inHost[2].slice(from.labId.length + 1)}` : id;
  if (ifname === from.bridge) return `host:${to.bridge}`;
  if (ifname.startsWith(`${from.labId}-`)) return `host:${to.labId}-${ifname.slice(from.labId.length + 1)}`;
  return id;
}

const moveAddress = (cidr: string, subnet24: string) => {
  const [ip, prefix] = cidr.split("/");
  return `${subnet24}.${ip.split(".")[3]}/${prefix}`;
};

/**
 * A snapshot's spec under the current server's lab id: bridge `<id>_br`, DPDK ports `<id>_<port>`
 * (a previous lab prefix is dropped first), host names from the id. Addresses stay unless a /24 is given.
 */
export function retargetSnapshotSpec(spec: LabSpec, labId: string, subnet24?: string): LabSpec {
  if (spec.id === labId && !subnet24) return spec;
  const move = (cidr: string) => (subnet24 ? moveAddress(cidr, subnet24) : cidr);
  const portName = (port: string) => {
    const base = port.startsWith(`${spec.id}_`) ? port.slice(spec.id.length + 1) : port;
    return spec.id === labId ? port : `${labId}_${base}`.slice(0, 15);
  };
  return {
    ...spec,
    id: labId,
    bridge: { ...spec.bridge, name: spec.id === labId ? spec.bridge.name : `${labId}_br`, address: spec.bridge.address ? move(spec.bridge.address) : undefined },
    endpoints: spec.endpoints.map((e) => ({
      ...e,
      address: move(e.address),
      attach: e.attach.via === "dpdk" ? { via: "dpdk" as const, port: portName(e.attach.port) } : e.attach,
    })),
  };
}
