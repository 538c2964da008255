import { createHash } from "node:crypto";
import type { FirewallList, FirewallRule } from "../../lib/contracts/lab-edits";

/**
 * `iptables -S` (the filter table): `-P CHAIN POLICY` lines and `-A CHAIN ...` rules, in rule-number
 * order within each chain. A rule's id comes from its chain, its text and which copy of that text it
 * is, so it stays the same while the rule exists and names one rule even when two read alike.
 */
export function parseIptablesRules(text: string): Omit<FirewallList, "endpoint"> {
  const policies: Record<string, string> = {};
  const rules: FirewallRule[] = [];
  const copies = new Map<string, number>();
  for (const line of text.split("\n").map((l) => l.trim())) {
    const policy = /^-P (\S+) (\S+)$/.exec(line);
    if (policy) policies[policy[1]] = policy[2];
    const rule = /^-A (\S+) (.+)$/.exec(line);
    if (!rule) continue;
    const [, chain, body] = rule;
    const key = `${chain}\n${body}`;
    const copy = (copies.get(key) ?? 0) + 1;
    copies.set(key, copy);
    const id = createHash("sha256").update(`${key}\n${copy}`).digest("hex").slice(0, 12);
    rules.push({ id, chain, rule: body, target: / -[jg] (\S+)/.exec(` ${body}`)?.[1] ?? null });
  }
  return { policies, rules };
}

/** The rule's number in its chain (1-based), what `iptables -D CHAIN N` takes. */
export function ruleNumber(rules: FirewallRule[], id: string): { chain: string; number: number } | null {
  const rule = rules.find((r) => r.id === id);
  if (!rule) return null;
  return { chain: rule.chain, number: rules.filter((r) => r.chain === rule.chain).indexOf(rule) + 1 };
}
