import { z } from "zod";
import { IMPAIRMENT_OPERATIONS, type ImpairmentList, type LinkImpairment } from "../../lib/contracts/impairment";
import { impairmentChangeSchema } from "../../lib/contracts/impairment-inputs";
import { ENDPOINT_NAME_PATTERN } from "../../lib/lab-spec/schema";
import type { Discovery } from "../discovery/discover-lab";
import { endpointOf, labTargetOf, type EndpointTarget } from "../faults/lab-target";
import { applyImpairment, readImpairment } from "../impair/apply-impairment";
import { chooseEngine } from "../impair/choose-engine";
import { impairmentSupport } from "../impair/impairment-support";
import { LabError } from "../lab/lab-errors";
import { defineOperation } from "./operation";
import { noInput } from "./lab-operations";

/**
 * A link's impairment (delay, jitter, loss, rate) on a running lab: set or cleared by the operator,
 * read by anyone who sees the lab. The endpoint is looked up in what discovery found, never trusted.
 */

const endpoint = z.string().regex(ENDPOINT_NAME_PATTERN, "an endpoint name, e.g. c2");

/** The endpoint's veth link, or why it has none an impairment could sit on. */
function linkOf(discovery: Discovery, name: string): EndpointTarget & { hostEnd: string; dpdk: boolean } {
  const target = endpointOf(labTargetOf(discovery), name);
  if (!target.hostEnd || !target.netns) throw new LabError("invalid", `endpoint: "${name}" is this machine's own; only an endpoint's veth link can be impaired`);
  const dpdk = discovery.topology.bridge?.ports.some((p) => p.dpdk?.wireInterfaceId === `host:${target.hostEnd}`) ?? false;
  return { ...target, hostEnd: target.hostEnd, dpdk };
}

export const impairmentSet = defineOperation({
  name: IMPAIRMENT_OPERATIONS.set,
  access: "operator",
  input: z.object({ endpoint, ...impairmentChangeSchema.shape }).strict(),
  run: async ({ ctx, lab }, { endpoint: name, impairment }): Promise<{ endpoint: string; link: LinkImpairment | null }> => {
    const labId = lab.labId;
    const support = await impairmentSupport();
    await lab.exclusive(`impairment ${name} ${JSON.stringify(impairment)}`, async () => {
      const discovery = await lab.refresh();
      const link = linkOf(discovery, name);
      if (link.dpdk && chooseEngine(impairment, support) === "relay")
        throw new LabError("invalid", `impairment: ${name}'s link is the wire under a DPDK port, where the relay cannot sit; ${support.summary}`);
      await applyImpairment(ctx, { labId, endpoint: name, hostEnd: link.hostEnd, bridge: link.dpdk ? null : discovery.topology.bridge?.name ?? null, endpointNetns: link.netns, impairment });
    });
    const link = linkOf(await lab.refresh(), name);
    return { endpoint: name, link: await readImpairment({ labId, endpoint: name, hostEnd: link.hostEnd, endpointNetns: link.netns }) };
  },
});

export const impairmentList = defineOperation({
  name: IMPAIRMENT_OPERATIONS.list,
  access: "viewer",
  input: noInput,
  run: async ({ lab }): Promise<ImpairmentList> => {
    const discovery = await lab.currentDiscovery();
    const endpoints = labTargetOf(discovery).endpoints.filter((e) => e.hostEnd && e.netns);
    const links = await Promise.all(endpoints.map((e) => readImpairment({ labId: lab.labId, endpoint: e.name, hostEnd: e.hostEnd!, endpointNetns: e.netns })));
    return { support: await impairmentSupport(), links: links.filter((l): l is LinkImpairment => l !== null) };
  },
});
