import { LAB_EDIT_OPERATIONS, OFFLOAD_OPERATION } from "../contracts/lab-edits";

/**
 * The closed list of faults a scenario can plant. Each is planted and detected on the real host by
 * its module in server/faults/, and fixed in the page by one operation.
 */
export const FAULT_KIND_NAMES = ["tx-offload", "mtu-mismatch", "link-down", "wrong-address", "vlan-tag", "drop-flow", "firewall-drop"] as const;
export type FaultKind = (typeof FAULT_KIND_NAMES)[number];

/** Which end of an endpoint's link: its own interface (eth0) or the host's end of the veth. */
export const LINK_ENDS = ["inner", "host"] as const;
export type LinkEnd = (typeof LINK_ENDS)[number];

export const FLOW_PROTOCOLS = ["icmp", "tcp", "udp", "ip"] as const;
export const FIREWALL_PROTOCOLS = ["icmp", "tcp", "udp", "all"] as const;
export const FIREWALL_CHAINS = ["INPUT", "OUTPUT"] as const;

/** A fault as planted: every choice made, every value it needs to be planted and detected. */
export type PlantedFault =
  | { id: string; kind: "tx-offload"; endpoint: string }
  | { id: string; kind: "mtu-mismatch"; endpoint: string; end: LinkEnd; mtu: number }
  | { id: string; kind: "link-down"; endpoint: string; end: LinkEnd }
  | { id: string; kind: "wrong-address"; endpoint: string; planted: string; expected: string }
  | { id: string; kind: "vlan-tag"; endpoint: string; tag: number }
  | { id: string; kind: "drop-flow"; from: string; to: string; protocol: (typeof FLOW_PROTOCOLS)[number]; fromIp: string; toIp: string }
  | {
      id: string;
      kind: "firewall-drop";
      endpoint: string;
      chain: (typeof FIREWALL_CHAINS)[number];
      protocol: (typeof FIREWALL_PROTOCOLS)[number];
      peer: string | null;
      peerIp: string | null;
    };

export type FaultOfKind<K extends FaultKind> = Extract<PlantedFault, { kind: K }>;

/** What the detector saw on the host, and when: `present` is read from the host, never remembered. */
export interface FaultState {
  id: string;
  kind: FaultKind;
  present: boolean;
  /** In words, with the values read, e.g. `c1:eth0 tx-checksumming: on`. */
  evidence: string;
  at: string;
}

export interface FaultKindInfo {
  title: string;
  /** The page operation that fixes it (its name in server/operations). */
  fixOperation: string;
  /** Where in the page, in words. */
  fix: string;
}

export const FAULT_KINDS: Record<FaultKind, FaultKindInfo> = {
  "tx-offload": { title: "TX checksum offload on a container's veth", fixOperation: OFFLOAD_OPERATION, fix: "the interface's tx-checksumming switch" },
  "mtu-mismatch": { title: "MTU mismatch on one link", fixOperation: LAB_EDIT_OPERATIONS.mtu, fix: "the interface's MTU field" },
  "link-down": { title: "A port administratively down", fixOperation: LAB_EDIT_OPERATIONS.link, fix: "the interface's up/down switch" },
  "wrong-address": { title: "A wrong address or prefix on an endpoint", fixOperation: LAB_EDIT_OPERATIONS.address, fix: "the endpoint's address editor" },
  "vlan-tag": { title: "A wrong VLAN tag on a bridge port", fixOperation: LAB_EDIT_OPERATIONS.tag, fix: "the bridge port's VLAN tag editor" },
  "drop-flow": { title: "An OpenFlow drop rule on the bridge", fixOperation: LAB_EDIT_OPERATIONS.flowDelete, fix: "the bridge's flow list (delete)" },
  "firewall-drop": { title: "An iptables DROP inside an endpoint", fixOperation: LAB_EDIT_OPERATIONS.firewallDelete, fix: "the endpoint's firewall rule list (delete)" },
};

/** The page operations that fix these faults: what a student of the scenario needs. */
export function fixOperationsOf(kinds: Iterable<FaultKind>): string[] {
  return [...new Set([...kinds].map((k) => FAULT_KINDS[k].fixOperation))].sort();
}
