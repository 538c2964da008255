import type { ExperimentVariant } from "../../lib/contracts/experiment";
import { variantId } from "../../lib/contracts/experiment";
import type { ExperimentRequest } from "../../lib/contracts/experiment-inputs";
import type { HostFacts } from "../../lib/contracts/host-facts";
import type { LabSpec } from "../../lib/lab-spec/schema";
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
    variant.switch === "ovs-dpdk" || variant.switch === "ovs-userspace" ? ["OVS userspace datapath", host.userspaceDatapath] : null,
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
