import { z } from "zod";
import { PROTOCOLS } from "./matrix";
import { ENDPOINT_VARIANTS, MULTI_HOST_SWITCHES, SWITCH_VARIANTS, VARIANT_COUNT } from "./experiment";

const SUBNET24 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** /24s a run may take from firstSubnet: one per variant, and as many again for underlays when a multi-host variant may run. */
function subnetsNeeded(r: { switches: readonly string[]; only?: readonly string[] }): number {
  const multiHost = r.only ? r.only.some((id) => MULTI_HOST_SWITCHES.includes(id.split("/")[0] as never)) : r.switches.some((s) => MULTI_HOST_SWITCHES.includes(s as never));
  return multiHost ? 2 * VARIANT_COUNT : VARIANT_COUNT;
}

/** POST /api/experiments: which variants (all when absent), how to probe, and where the labs may live. */
export const experimentRequestSchema = z
  .object({
    switches: z.array(z.enum(SWITCH_VARIANTS)).min(1).max(SWITCH_VARIANTS.length).default([...SWITCH_VARIANTS]),
    endpoints: z.array(z.enum(ENDPOINT_VARIANTS)).min(1).max(2).default([...ENDPOINT_VARIANTS]),
    offload: z.array(z.boolean()).min(1).max(2).default([true, false]),
    /** Exact variant ids to run instead of the product above, e.g. "ovs-dpdk/containers/offload-on". */
    only: z.array(z.string().regex(/^[a-z-]+\/[a-z]+\/offload-(on|off)$/)).max(VARIANT_COUNT).optional(),
    protocols: z.array(z.enum(PROTOCOLS)).min(1).max(3).default(["icmp", "tcp", "udp"]),
    timeoutMs: z.number().int().min(50).max(5000).default(500),
    /** Lab ids are this prefix + the variant's number: keep it clear of other labs on the host. */
    labIdPrefix: z.string().regex(/^[a-z][a-z0-9]{0,3}$/, "a lower-case letter, then up to 3 lower-case letters or digits").default("ab"),
    /**
     * The first variant's /24 ("10.99.0"); each next variant takes the next third octet. A multi-host
     * variant's underlay is its /24's third octet + VARIANT_COUNT (underlaySubnet in ./experiment).
     */
    firstSubnet: z.string().regex(SUBNET24, "three octets such as 10.99.0").default("10.99.0"),
    /** On a Linux bridge with br_netfilter and FORWARD DROP: add a scoped ACCEPT rule for the run, or leave it to show the drop. */
    bridgeNetfilter: z.enum(["accept-rule", "leave"]).default("accept-rule"),
  })
  .strict()
  .refine((r) => Number(r.firstSubnet.split(".")[2]) + subnetsNeeded(r) <= 256, {
    message: `firstSubnet's third octet leaves no room for ${VARIANT_COUNT} variants (and, with a multi-host variant, their ${VARIANT_COUNT} underlays after them)`,
    path: ["firstSubnet"],
  });
export type ExperimentRequest = z.infer<typeof experimentRequestSchema>;
