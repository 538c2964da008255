import type { FirewallList } from "../../lib/contracts/lab-edits";
import { runCommand } from "../run-command/run-command";
import { parseIptablesRules } from "./parse-iptables";

/** iptables inside one namespace (run there through nsenter): an endpoint's own firewall, never the host's. */
const iptables = (netns: string, args: string[]) => runCommand("iptables", ["-w", "5", ...args], { netns, timeoutMs: 10_000 });

export async function listFirewall(netns: string): Promise<Omit<FirewallList, "endpoint">> {
  return parseIptablesRules((await iptables(netns, ["-S"])).stdout);
}

/** A rule at the head of `chain`, e.g. ["-p", "tcp", "-s", "10.0.0.8/32", "-j", "DROP"]. */
export async function insertFirewallRule(netns: string, chain: string, rule: string[]): Promise<void> {
  await iptables(netns, ["-I", chain, ...rule]);
}

export async function deleteFirewallRule(netns: string, chain: string, number: number): Promise<void> {
  await iptables(netns, ["-D", chain, String(number)]);
}
