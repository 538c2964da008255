import { test } from "node:test";
import assert from "node:assert/strict";
import { containerTopology } from "../topology/fixtures/container-topology";
import { summarizeCells } from "./cell-summary";
import { GROUP_MODES, GROUP_MODE_WORDS, groupKeys, txOffloadByEndpoint } from "./endpoint-groups";
import { cellsOf, result } from "./test-cells";

test("TX offload is read from each endpoint's own interface", () => {
  const topology = containerTopology(3);
  topology.interfaces.find((i) => i.id === "c2:eth0")!.offload = { tx: { on: false, fixed: false } };
  const tx = txOffloadByEndpoint(topology);
  assert.deepEqual([...tx], [["host", false], ["c1", true], ["c2", false], ["c3", true]]);
});

test("groups: by TX offload, by failing or not, by name prefix, or none", () => {
  const names = ["host", "web1", "web2", "db1"];
  const tx = new Map<string, boolean | null>([["host", null], ["web1", true], ["web2", false], ["db1", false]]);
  const summary = summarizeCells(cellsOf([result("tcp", "web1", "db1", "bad-checksum"), result("tcp", "web2", "db1")]), names);
  const labels = (mode: (typeof GROUP_MODES)[keyof typeof GROUP_MODES]) => names.map((n) => groupKeys(mode, names, { tx, summary }).get(n)!.label);
  assert.deepEqual(labels("tx"), ["TX unknown", "TX on", "TX off", "TX off"]);
  assert.deepEqual(labels("outcome"), ["not tested", "failing", "all ok", "failing"]);
  assert.deepEqual(labels("prefix"), ["host", "web", "web", "db"]);
  assert.deepEqual(labels("none"), ["", "", "", ""]);
  const ranks = groupKeys("prefix", names, { tx, summary });
  assert.ok(ranks.get("host")!.rank < ranks.get("web1")!.rank && ranks.get("web1")!.rank < ranks.get("db1")!.rank, "prefixes in the order they appear");
  for (const mode of Object.values(GROUP_MODES)) assert.ok(GROUP_MODE_WORDS[mode].explain.length > 20);
});
