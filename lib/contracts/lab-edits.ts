/**
 * The page operations that change one thing of a lab (the fixes of scenario faults) and the two
 * lists they work on: the bridge's OpenFlow rules and an endpoint's firewall rules. Their request
 * schemas are in lab-edit-inputs.ts: pages import this module, and zod stays out of their first load.
 */
export const LAB_EDIT_OPERATIONS = {
  mtu: "interface mtu",
  link: "interface link",
  address: "endpoint address",
  tag: "port tag",
  flows: "flow list",
  flowDelete: "flow delete",
  firewall: "firewall list",
  firewallDelete: "firewall rule delete",
} as const;
export type LabEditOperation = (typeof LAB_EDIT_OPERATIONS)[keyof typeof LAB_EDIT_OPERATIONS];

/** The name of the offload toggle's operation (server/operations/lab-operations.ts offloadSet). */
export const OFFLOAD_OPERATION = "offload change";

/** 68: the least IPv4 allows; 9000: a jumbo frame. */
export const MTU_RANGE = { min: 68, max: 9000 } as const;

/** One OpenFlow rule of the lab's bridge, as `ovs-ofctl dump-flows` shows it. */
export interface FlowRule {
  /** Stable while the rule exists: from its table, priority and match (what OpenFlow keys a rule on). */
  id: string;
  table: number;
  priority: number;
  /** e.g. `tcp,nw_src=10.55.66.8,nw_dst=10.55.66.10`; "" matches everything. */
  match: string;
  actions: string;
  cookie: string;
  packets: number;
  bytes: number;
  /** The bridge's own switching rule (priority 0, NORMAL): deleting it would stop all forwarding. */
  protected: boolean;
  /** The bridge the rule is on (a lab of several bridges lists them all). */
  bridge?: string;
}

export interface FlowList {
  /** The lab's first bridge. */
  bridge: string;
  /** Every bridge listed, the first first. */
  bridges?: string[];
  flows: FlowRule[];
}

/** One rule of an endpoint's iptables filter table, as `iptables -S` shows it. */
export interface FirewallRule {
  /** Stable while the rule exists: from its chain, its text and which copy of that text it is. */
  id: string;
  chain: string;
  /** The rule without `-A <chain>`, e.g. `-s 10.55.66.8/32 -p tcp -j DROP`. */
  rule: string;
  /** What it does with a match: DROP, REJECT, ACCEPT, a user chain; null when it only counts. */
  target: string | null;
}

export interface FirewallList {
  endpoint: string;
  /** Each built-in chain's policy, e.g. { INPUT: "ACCEPT" }. */
  policies: Record<string, string>;
  rules: FirewallRule[];
}
