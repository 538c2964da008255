import { FAULT_KINDS, type FaultOfKind } from "../../lib/scenarios/fault-kinds";
import { insertFirewallRule, listFirewall } from "../netns/iptables";
import type { FaultModule } from "./fault-module";
import { endpointOf, ownNamespaceOf } from "./lab-target";

const ruleOf = (f: FaultOfKind<"firewall-drop">) => [
  ...(f.protocol === "all" ? [] : ["-p", f.protocol]),
  ...(f.peerIp ? [f.chain === "INPUT" ? "-s" : "-d", `${f.peerIp}/32`] : []),
  "-j",
  "DROP",
];

/** A DROP rule in the endpoint's own iptables (run in its namespace through nsenter); detected as any DROP or REJECT left in that chain. */
export const firewallDropFault: FaultModule<"firewall-drop"> = {
  kind: "firewall-drop",
  fixOperation: FAULT_KINDS["firewall-drop"].fixOperation,
  plant: async (_ctx, lab, fault) => insertFirewallRule(ownNamespaceOf(endpointOf(lab, fault.endpoint)), fault.chain, ruleOf(fault)),
  detect: async (_ctx, lab, fault) => {
    const e = endpointOf(lab, fault.endpoint);
    const { policies, rules } = await listFirewall(ownNamespaceOf(e));
    const dropping = rules.filter((r) => r.chain === fault.chain && (r.target === "DROP" || r.target === "REJECT"));
    const policy = policies[fault.chain];
    const present = dropping.length > 0 || policy === "DROP";
    const words = dropping.map((r) => `-A ${r.chain} ${r.rule}`);
    if (policy === "DROP") words.push(`-P ${fault.chain} DROP`);
    return { present, evidence: `${e.name} iptables ${fault.chain}: ${words.join("; ") || "nothing dropped"}` };
  },
};
