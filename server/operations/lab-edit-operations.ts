import { z } from "zod";
import { LAB_EDIT_OPERATIONS } from "../../lib/contracts/lab-edits";
import { addressChangeSchema, linkChangeSchema, mtuChangeSchema, tagChangeSchema } from "../../lib/contracts/lab-edit-inputs";
import { topologyBridges, type BridgePort } from "../../lib/contracts/topology";
import { ENDPOINT_NAME_PATTERN } from "../../lib/lab-spec/schema";
import type { Discovery } from "../discovery/discover-lab";
import { LabError } from "../lab/lab-errors";
import type { LabService } from "../lab/lab-service";
import * as edits from "../lab-edit/lab-edits";
import { defineOperation } from "./operation";
import { noInput } from "./lab-operations";

/**
 * The page's fixes for scenario faults: set an interface's MTU or link state, an endpoint's address,
 * a bridge port's VLAN tag; list and delete the bridge's OpenFlow rules and an endpoint's firewall
 * rules. Changes go through the lab's queue of changes, one at a time, each on a fresh discovery.
 */

const interfaceId = z.string().min(1).max(64);
const endpoint = z.string().regex(ENDPOINT_NAME_PATTERN, "an endpoint name, e.g. c1");

/** One change of the lab: queued with its other changes, done on what discovery finds now. */
function change<T>(lab: LabService, what: string, work: (discovery: Discovery) => Promise<T>): Promise<T> {
  return lab.exclusive(what, async () => work(await lab.refresh()));
}

export const interfaceMtu = defineOperation({
  name: LAB_EDIT_OPERATIONS.mtu,
  access: "operator",
  input: z.object({ interfaceId, ...mtuChangeSchema.shape }).strict(),
  run: async ({ lab }, { interfaceId: id, mtu }) => {
    await change(lab, `mtu ${id} ${mtu}`, (d) => edits.setInterfaceMtu(d, id, mtu));
    return lab.interfaceById(id, true);
  },
});

export const interfaceLink = defineOperation({
  name: LAB_EDIT_OPERATIONS.link,
  access: "operator",
  input: z.object({ interfaceId, ...linkChangeSchema.shape }).strict(),
  run: async ({ lab }, { interfaceId: id, up }) => {
    await change(lab, `link ${id} ${up}`, (d) => edits.setInterfaceUp(d, id, up));
    return lab.interfaceById(id, true);
  },
});

export const endpointAddress = defineOperation({
  name: LAB_EDIT_OPERATIONS.address,
  access: "operator",
  input: z.object({ endpoint, ...addressChangeSchema.shape }).strict(),
  run: async ({ lab }, { endpoint: name, address }) => {
    const id = await change(lab, `address ${name} ${address}`, (d) => edits.setEndpointAddress(d, name, address));
    return lab.interfaceById(id, true);
  },
});

export const portTag = defineOperation({
  name: LAB_EDIT_OPERATIONS.tag,
  access: "operator",
  input: z.object({ port: z.string().regex(/^[A-Za-z0-9_.-]{1,15}$/, "a bridge port's name"), ...tagChangeSchema.shape }).strict(),
  run: async ({ ctx, lab }, { port, tag }): Promise<BridgePort> => {
    await change(lab, `tag ${port} ${tag}`, (d) => edits.setBridgePortTag(ctx, d, port, tag));
    const found = topologyBridges((await lab.refresh()).topology)
      .flatMap((b) => b.ports)
      .find((p) => p.name === port);
    if (!found) throw new LabError("conflict", `port ${port} left the bridge meanwhile`);
    return found;
  },
});

export const flowList = defineOperation({
  name: LAB_EDIT_OPERATIONS.flows,
  access: "viewer",
  input: noInput,
  run: async ({ ctx, lab }) => edits.listBridgeFlows(ctx, await lab.currentDiscovery()),
});

export const flowDelete = defineOperation({
  name: LAB_EDIT_OPERATIONS.flowDelete,
  access: "operator",
  input: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, "a rule id from the flow list (12 hex digits)") }).strict(),
  run: ({ ctx, lab }, { id }) => change(lab, `flow delete ${id}`, (d) => edits.deleteBridgeFlow(ctx, d, id)),
});

export const firewallList = defineOperation({
  name: LAB_EDIT_OPERATIONS.firewall,
  access: "viewer",
  input: z.object({ endpoint }).strict(),
  run: async ({ lab }, { endpoint: name }) => edits.listEndpointFirewall(await lab.currentDiscovery(), name),
});

export const firewallDelete = defineOperation({
  name: LAB_EDIT_OPERATIONS.firewallDelete,
  access: "operator",
  input: z.object({ id: z.string().regex(/^[a-z][a-z0-9]{0,7}:[0-9a-f]{12}$/, "a rule id from the endpoint's firewall list, e.g. c1:0123456789ab") }).strict(),
  run: ({ lab }, { id }) => change(lab, `firewall delete ${id}`, (d) => edits.deleteEndpointFirewallRule(d, id)),
});
