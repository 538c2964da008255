import { FAULT_KINDS, type FaultOfKind } from "../../lib/scenarios/fault-kinds";
import { addFlow, dumpFlows } from "../ovs/openflow";
import { LabError } from "../lab/lab-errors";
import type { FaultModule } from "./fault-module";
import type { LabTarget } from "./lab-target";

/** The cookie of every rule ovs-lab plants ("ovslab" in ASCII): how detection finds them among the bridge's rules. */
export const PLANTED_FLOW_COOKIE = "0x6f76736c6162";
const PRIORITY = 1000;

const bridgeOf = (lab: LabTarget) => {
  if (!lab.bridge) throw new LabError("conflict", `lab ${lab.labId} has no bridge`);
  return lab.bridge;
};
const matchOf = (f: FaultOfKind<"drop-flow">) => [f.protocol, `nw_src=${f.fromIp}`, `nw_dst=${f.toIp}`];

/** An OpenFlow rule on the lab's bridge that drops `protocol` from one endpoint to another (`ovs-ofctl add-flow`). */
export const dropFlowFault: FaultModule<"drop-flow"> = {
  kind: "drop-flow",
  fixOperation: FAULT_KINDS["drop-flow"].fixOperation,
  plant: async (ctx, lab, fault) => addFlow(ctx.config, bridgeOf(lab), [`cookie=${PLANTED_FLOW_COOKIE}`, `priority=${PRIORITY}`, ...matchOf(fault), "actions=drop"].join(",")),
  detect: async (ctx, lab, fault) => {
    const bridge = bridgeOf(lab);
    const wanted = matchOf(fault);
    const found = (await dumpFlows(ctx.config, bridge, PLANTED_FLOW_COOKIE)).filter((f) => {
      const fields = f.match.split(",");
      return wanted.every((w) => fields.includes(w));
    });
    const evidence = found.length ? found.map((f) => `${bridge}: priority=${f.priority},${f.match} actions=${f.actions} (${f.packets} packets)`).join("; ") : `${bridge}: no such rule`;
    return { present: found.length > 0, evidence };
  },
};
