import { test } from "node:test";
import assert from "node:assert/strict";
import { summarizeCells } from "./cell-summary";
import { groupKeys } from "./endpoint-groups";
import { heatmapAxes, pairAt } from "./heatmap-axes";
import { cellsOf, result } from "./test-cells";

const names = ["host", "c1", "c2", "c3", "c4"];
const tx = new Map<string, boolean | null>([["host", false], ["c1", false], ["c2", true], ["c3", false], ["c4", true]]);
// c2 and c4 have TX offload on: what they send over TCP is dropped; ICMP passes everywhere.
const results = names.flatMap((from) =>
  names.filter((to) => to !== from).flatMap((to) => [result("icmp", from, to), result("tcp", from, to, tx.get(from) ? "bad-checksum" : null)]),
);
const summary = summarizeCells(cellsOf(results), names);
const none = groupKeys("none", names, { tx, summary });

test("unfiltered: every endpoint is a row and a column, the diagonal is no probe", () => {
  const axes = heatmapAxes("tcp", names, summary, { failuresOnly: false, focus: null }, none);
  assert.deepEqual(axes.rows.names, names);
  assert.deepEqual(axes.cols.names, names);
  assert.deepEqual(axes.rows.groups, [{ label: "", start: 0, count: 5 }]);
  assert.equal(pairAt(axes, 1, 1), null);
  assert.deepEqual(pairAt(axes, 2, 0), { from: "c2", to: "host" });
  assert.equal(pairAt(axes, 9, 0), null);
});

test("only failures: rows that sent no failed probe and columns that received none are hidden", () => {
  const tcp = heatmapAxes("tcp", names, summary, { failuresOnly: true, focus: null }, none);
  assert.deepEqual(tcp.rows.names, ["c2", "c4"]);
  assert.deepEqual(tcp.cols.names, names);
  assert.deepEqual(pairAt(tcp, 1, 2), { from: "c4", to: "c2" });
  const icmp = heatmapAxes("icmp", names, summary, { failuresOnly: true, focus: null }, none);
  assert.deepEqual([icmp.rows.names, icmp.cols.names], [[], []]);
});

test("one endpoint's row and column: two rows, what it sent and what it received, against every other", () => {
  const axes = heatmapAxes("tcp", names, summary, { failuresOnly: false, focus: "c2" }, none);
  assert.deepEqual(axes.rows.labels, ["c2 →", "→ c2"]);
  assert.deepEqual(axes.cols.names, ["host", "c1", "c3", "c4"]);
  assert.deepEqual(pairAt(axes, 0, 3), { from: "c2", to: "c4" });
  assert.deepEqual(pairAt(axes, 1, 0), { from: "host", to: "c2" });
  const failing = heatmapAxes("tcp", names, summary, { failuresOnly: true, focus: "c1" }, none);
  assert.deepEqual(failing.cols.names, ["host", "c2", "c3", "c4"], "every other endpoint receives a failure from c2 or c4");
  assert.equal(heatmapAxes("tcp", names, summary, { failuresOnly: false, focus: "gone" }, none).focus, null, "an endpoint no longer there is no focus");
});

test("grouping orders rows and columns into bands, keeping lab order inside a band", () => {
  const axes = heatmapAxes("tcp", names, summary, { failuresOnly: false, focus: null }, groupKeys("tx", names, { tx, summary }));
  assert.deepEqual(axes.rows.names, ["c2", "c4", "host", "c1", "c3"]);
  assert.deepEqual(axes.rows.groups, [{ label: "TX on", start: 0, count: 2 }, { label: "TX off", start: 2, count: 3 }]);
  assert.deepEqual(pairAt(axes, 0, 1), { from: "c2", to: "c4" });
});
