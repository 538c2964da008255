import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseIptablesRules, ruleNumber } from "./parse-iptables";

/** Recorded with `iptables -S` (1.8.9, nf_tables) inside a lab namespace, after a few rules were added there. */
const recorded = readFileSync(new URL("./fixtures/iptables-S.txt", import.meta.url), "utf8");

test("policies and rules with their chain, text and target", () => {
  const { policies, rules } = parseIptablesRules(recorded);
  assert.deepEqual(policies, { INPUT: "ACCEPT", FORWARD: "DROP", OUTPUT: "ACCEPT" });
  assert.deepEqual(rules.map((r) => [r.chain, r.target]), [["INPUT", "DROP"], ["INPUT", "REJECT"], ["INPUT", "DROP"], ["OUTPUT", "ACCEPT"], ["LOGS", null]]);
  assert.equal(rules[1].rule, "-p udp -m udp --dport 53 -j REJECT --reject-with icmp-port-unreachable");
  assert.equal(rules[4].rule, '-m comment --comment "two words"');
});

test("two rules that read alike have different ids; each id gives the rule's number in its chain", () => {
  const { rules } = parseIptablesRules(recorded);
  assert.equal(rules[0].rule, rules[2].rule);
  assert.notEqual(rules[0].id, rules[2].id);
  assert.equal(new Set(rules.map((r) => r.id)).size, rules.length);
  assert.deepEqual(ruleNumber(rules, rules[2].id), { chain: "INPUT", number: 3 });
  assert.deepEqual(ruleNumber(rules, rules[3].id), { chain: "OUTPUT", number: 1 });
  assert.equal(ruleNumber(rules, "nope"), null);
});

test("ids stay the same when the list is read again, and an empty table has no rules", () => {
  assert.deepEqual(parseIptablesRules(recorded).rules.map((r) => r.id), parseIptablesRules(recorded).rules.map((r) => r.id));
  assert.deepEqual(parseIptablesRules("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n").rules, []);
});
