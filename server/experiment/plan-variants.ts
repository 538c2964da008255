import type { ExperimentVariant } from "../../lib/contracts/experiment";
import { underlaySubnet, variantId } from "../../lib/contracts/experiment";
import type { ExperimentRequest } from "../../lib/contracts/experiment-inputs";
import type { HostFacts } from "../../lib/contracts/host-facts";
import { MULTI_HOST_BRIDGE, type LabSpec } from "../../lib/lab-spec/schema";
import { retargetSpec } from "../../lib/lab-spec/retarget";

/** The variants to run, in the order of the seed's table: switch, then endpoints, then offload on before off. */
export function planVariants(request: Pick<ExperimentRequest, "switches" | "endpoints" | "offload" | "only">): ExperimentVariant[] {
  const all = request.switches.flatMap((sw) =>
    request.endpoints.flatMap((endpoints) =>
      [true, false].filter((o) => request.offload.includes(o)).map((offload) => ({ switch: sw, endpoints, offload })),
    ),
  );
  const variants = all.map((v) => ({ ...v, id: variantId(v) }));
  return request.only ? variants.filter((v) => request.only!.includes(v.id)) : variants;
}

/** Whether this host can run the variant; the reason comes from what the host reports, never assumed. */
export function runnability(variant: ExperimentVariant, host: HostFacts): { runnable: true } | { runnable: false; reason: string } {
  const needs = [
    variant.switch === "ovs-kernel" ? ["OVS kernel datapath", host.kernelDatapath] : null,
    variant.switch === "ovs-dpdk" ? ["DPDK", host.dpdk] : null,
    // Each simulated host of the OVN variant runs its own userspace ovs-vswitchd.
    variant.switch === "ovs-dpdk" || variant.switch === "ovs-userspace" || variant.switch === "ovn-geneve" ? ["OVS userspace datapath", host.userspaceDatapath] : null,
    variant.endpoints === "containers" ? ["Docker", host.docker] : null,
  ].filter((n): n is [string, HostFacts["docker"]] => n !== null);
  const missing = needs.find(([, c]) => !c.available);
  return missing ? { runnable: false, reason: `${missing[0]} is not available: ${missing[1].reason ?? "no reason given"}` } : { runnable: true };
}

/**
 * The seed lab rewritten for one variant, under its own id and /24. The two endpoints
 * become containers or namespaces with TX offload set as asked; the server keeps its
 * offload off (it stands in for a real NIC) and sits behind the DPDK port only in the DPDK variant.
 */
export function variantSpec(seed: LabSpec, variant: ExperimentVariant, labId: string, subnet24: string): LabSpec {
  const spec = retargetSpec(seed, labId, subnet24);
  if (variant.switch === "ovn-geneve") return twoHostSpec(spec, variant);
  return {
    ...spec,
    title: `Experiment: ${variant.id}`,
    bridge: { ...spec.bridge, datapath: variant.switch === "ovs-kernel" ? "system" : "netdev" },
    endpoints: spec.endpoints.map((e) => {
      if (e.attach.via === "dpdk") return variant.switch === "ovs-dpdk" ? e : { ...e, attach: { via: "veth" as const } };
      return { ...e, kind: variant.endpoints === "containers" ? ("container" as const) : ("netns" as const), offload: { ...e.offload, tx: variant.offload } };
    }),
  };
}

/** Where the OVN variant puts the seed's endpoints: c1 alone on host a, the rest (c2, server) on host b. */
const OVN_HOSTS: Record<string, "a" | "b"> = { c1: "a" };

/**
 * The seed across two simulated hosts on one OVN logical switch over Geneve (server/multihost): c1 on
 * host a, c2 and the server on host b, so c1's pairs cross the tunnel and c2>server stays on one host.
 * The hosts' underlay is underlaySubnet(the variant's /24), .1 and .2. A multi-host lab has no bridge
 * address (no "host" endpoint), and the server is on a veth: the DPDK port is the ovs-dpdk row's subject.
 */
function twoHostSpec(spec: LabSpec, variant: ExperimentVariant): LabSpec {
  const subnet24 = spec.endpoints[0].address.split(".").slice(0, 3).join(".");
  const underlay = underlaySubnet(subnet24);
  return {
    id: spec.id,
    title: `Experiment: ${variant.id}`,
    description: spec.description,
    bridge: { ...MULTI_HOST_BRIDGE, offload: {} },
    hosts: [
      { name: "a", underlay: `${underlay}.1/24`, datapath: "netdev" },
      { name: "b", underlay: `${underlay}.2/24`, datapath: "netdev" },
    ],
    endpoints: spec.endpoints.map((e) => {
      const host = OVN_HOSTS[e.name] ?? "b";
      if (e.attach.via === "dpdk") return { ...e, host, attach: { via: "veth" as const } };
      return { ...e, host, kind: variant.endpoints === "containers" ? ("container" as const) : ("netns" as const), offload: { ...e.offload, tx: variant.offload } };
    }),
  } as LabSpec;
}
