import { FAULT_KINDS } from "../../lib/scenarios/fault-kinds";
import { readPortTag, setPortTag } from "../ovs/port-tag";
import { LabError } from "../lab/lab-errors";
import type { FaultModule } from "./fault-module";
import { endpointOf, type EndpointTarget } from "./lab-target";

const portOf = (e: EndpointTarget) => {
  if (!e.port) throw new LabError("conflict", `${e.name} is not on the lab's bridge`);
  return e.port;
};

/** The endpoint's bridge port becomes an access port of another VLAN (`ovs-vsctl set Port P tag=N`); the lab's ports are untagged. */
export const vlanTagFault: FaultModule<"vlan-tag"> = {
  kind: "vlan-tag",
  fixOperation: FAULT_KINDS["vlan-tag"].fixOperation,
  plant: async (ctx, lab, fault) => setPortTag(ctx.config, portOf(endpointOf(lab, fault.endpoint)), fault.tag),
  detect: async (ctx, lab, fault) => {
    const port = portOf(endpointOf(lab, fault.endpoint));
    const tag = await readPortTag(ctx.config, port);
    return { present: tag !== null, evidence: `port ${port}: ${tag === null ? "no VLAN tag" : `tag ${tag}`}` };
  },
};
