import type { LabSpec } from "../../lib/lab-spec/schema";
import { labNames } from "../../lib/lab-spec/names";
import { ipv4Range, rangesOverlap, type Ipv4Range } from "../../lib/lab-spec/ipv4-cidr";
import type { HostInterface, HostNetwork } from "./parse-host-network";

/** One way a spec would hurt the host or another lab: the spec field, and why, in words. */
export interface HostConflict {
  field: string;
  message: string;
}

/** Networks no lab may use, whatever the host's interfaces say. */
const RESERVED: [string, string][] = [
  ["0.0.0.0/8", "\"this network\""],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["224.0.0.0/4", "multicast"],
  ["255.255.255.255/32", "broadcast"],
];

interface Taken {
  range: Ipv4Range;
  /** Says where, after the network: ` on eth0 (the host's own network)`. */
  where: string;
  labId: string | null;
}

const ownerWords = (labId: string | null) => (labId ? `lab ${labId}'s` : "the host's own network");
const advice = (labId: string | null) => (labId ? `bring lab ${labId} down or choose another subnet` : "choose another subnet");

/** Every network already in use outside lab `labId`: addresses first, then reserved ranges, then routes. */
function takenNetworks(host: HostNetwork, labId: string): Taken[] {
  const owner = new Map(host.interfaces.map((i) => [i.name, i.labId]));
  const addresses = host.interfaces
    .filter((i) => i.labId !== labId)
    .flatMap((i) => i.ipv4.flatMap((a) => taken(a, ` on ${i.name} (${ownerWords(i.labId)})`, i.labId)));
  const reserved = RESERVED.flatMap(([cidr, what]) => taken(cidr, ` (${what})`, null));
  const routes = host.routes.flatMap((r) => {
    const routeLab = r.dev ? (owner.get(r.dev) ?? null) : null;
    // The default route is where the rest of the world is, not a network in use.
    if (r.dst === "default" || r.dst.endsWith("/0") || routeLab === labId) return [];
    const how = r.dev ? `, routed via ${r.dev}` : `, a ${r.type} route`;
    return taken(r.dst, `${how} (${ownerWords(routeLab)})`, routeLab);
  });
  return [...addresses, ...reserved, ...routes];
}

function taken(cidr: string, where: string, labId: string | null): Taken[] {
  const range = ipv4Range(cidr);
  return range ? [{ range, where, labId }] : [];
}

function addressConflict(field: string, address: string, networks: Taken[]): HostConflict[] {
  const range = ipv4Range(address);
  const hit = range && networks.find((n) => rangesOverlap(range, n.range));
  return hit ? [{ field, message: `${address} overlaps ${hit.range.cidr}${hit.where}; ${advice(hit.labId)}` }] : [];
}

/** `subject` is how the message names the interface: `"eth0"`, or `its veth "hs-c1"`. */
function nameConflict(field: string, subject: string, iface: HostInterface | undefined, labId: string): HostConflict[] {
  // OVS bridges are left to lab-up's OVSDB ownership check, which names their owner (409).
  if (!iface || iface.labId === labId || iface.ovsBridge) return [];
  const message = iface.labId
    ? `${subject} is an interface of lab ${iface.labId}; bring that lab down first or choose another name`
    : `${subject} is an existing host interface that ovs-lab did not create; choose another name`;
  return [{ field, message }];
}

/**
 * What in a spec would take over a host interface, or a network the host or another lab
 * already uses. Nothing of lab `spec.id` itself counts, so bringing a lab up again passes.
 */
export function findHostConflicts(spec: LabSpec, host: HostNetwork): HostConflict[] {
  const byName = new Map(host.interfaces.map((i) => [i.name, i]));
  const networks = takenNetworks(host, spec.id);
  return [
    ...nameConflict("bridge.name", `"${spec.bridge.name}"`, byName.get(spec.bridge.name), spec.id),
    ...(spec.bridge.address ? addressConflict("bridge.address", spec.bridge.address, networks) : []),
    ...spec.endpoints.flatMap((e, i) => {
      const hostEnd = labNames.hostVeth(spec.id, e.name);
      return [
        ...nameConflict(`endpoints.${i}.name`, `its veth "${hostEnd}"`, byName.get(hostEnd), spec.id),
        ...addressConflict(`endpoints.${i}.address`, e.address, networks),
      ];
    }),
    // Hosts reached over TCP: this machine takes an address on their underlay (server/multihost).
    ...(spec.hosts ?? []).flatMap((h, i) => (h.ovsdb === "tcp" ? addressConflict(`hosts.${i}.underlay`, h.underlay, networks) : [])),
  ];
}
