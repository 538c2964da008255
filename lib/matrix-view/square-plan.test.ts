import { test } from "node:test";
import assert from "node:assert/strict";
import { planSquares } from "./square-plan";
import type { HeatmapAxes } from "./heatmap-axes";

const axis = (names: string[]) => ({ names, labels: names, groups: [{ label: "", start: 0, count: names.length }] });
const squares = (plan: ReturnType<typeof planSquares>) => plan.rowKeys.map((row, i) => (row ? `${row}>${plan.tos[i]}` : null));

test("squares row by row: the cell-table row and receiver each reads, none on the diagonal, faded when an end is not running", () => {
  const axes: HeatmapAxes = { protocol: "udp", focus: null, rows: axis(["a", "b"]), cols: axis(["a", "b", "c"]) };
  const plan = planSquares(axes, new Set(["c"]));
  assert.deepEqual(squares(plan), [null, "udp:a>b", "udp:a>c", "udp:b>a", null, "udp:b>c"]);
  assert.deepEqual([...plan.faded], [0, 0, 1, 0, 0, 1]);
  assert.deepEqual([plan.rows, plan.cols], [2, 3]);
  assert.deepEqual(plan.lineKeys, ["udp:a", "udp:b"]);
});

test("a focused endpoint's plan: what it sent, then what it received", () => {
  const axes: HeatmapAxes = { protocol: "tcp", focus: "a", rows: { ...axis(["a", "a"]), labels: ["a →", "→ a"] }, cols: axis(["b", "c"]) };
  const plan = planSquares(axes, new Set());
  assert.deepEqual(squares(plan), ["tcp:a>b", "tcp:a>c", "tcp:b>a", "tcp:c>a"]);
  assert.deepEqual(plan.lineKeys, [null, null], "its second row reads a cell-table row per square");
});
