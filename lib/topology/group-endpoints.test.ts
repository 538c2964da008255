import { test } from "node:test";
import assert from "node:assert/strict";
import type { Endpoint } from "../contracts/topology";
import { groupCardSize, groupEndpoints, GROUP_CARDS_ABOVE } from "./group-endpoints";

const endpoints = (...names: string[]): Endpoint[] => names.map((name) => ({ name, kind: "container", state: "running", ipv4: null, runtimeName: name, interfaceIds: [] }));
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

test("up to the threshold every endpoint keeps its own card", () => {
  assert.equal(groupEndpoints(endpoints(...numbered("c", GROUP_CARDS_ABOVE))), null);
  assert.equal(groupEndpoints(endpoints(...numbered("c", GROUP_CARDS_ABOVE + 1)))?.length, 3);
});

test("100 containers: ten groups of ten, named by their first and last member", () => {
  const groups = groupEndpoints(endpoints(...numbered("c", 100)))!;
  assert.equal(groups.length, 10);
  assert.deepEqual(groups.slice(0, 2).map((g) => [g.id, g.label, g.members.length]), [["group:c1", "c1–c10", 10], ["group:c11", "c11–c20", 10]]);
  assert.equal(groups[9].label, "c91–c100");
});

test("a larger lab gets larger groups, about a dozen of them: 250 endpoints, 12 groups of 21", () => {
  const groups = groupEndpoints(endpoints(...numbered("c", 250)))!;
  assert.equal(groups.length, 12);
  assert.deepEqual([groups[0].members.length, groups[11].members.length, groups[11].label], [21, 19, "c232–c250"]);
});

test("a name prefix starts a group of its own, so roles stay apart; a lone member is named alone", () => {
  const groups = groupEndpoints(endpoints(...numbered("web", 12), ...numbered("db", 11), "proxy", "x1", "x2"), { above: 20 })!;
  assert.deepEqual(groups.map((g) => g.label), ["web1–web10", "web11–web12", "db1–db10", "db11", "proxy", "x1–x2"]);
});

test("an expanded group is a grid of member cards, two rows of five for ten", () => {
  const [group] = groupEndpoints(endpoints(...numbered("c", 30)))!;
  const card = { width: 168, height: 124 };
  const closed = groupCardSize(group, false, card, 1);
  const open = groupCardSize(group, true, card, 1);
  assert.equal(closed.height, card.height);
  assert.ok(open.width > 4 * closed.width && open.height > closed.height);
  const big = groupCardSize(group, true, card, 1.25);
  assert.ok(Math.abs(big.width - open.width * 1.25) < 1e-9);
});
