import { test } from "node:test";
import assert from "node:assert/strict";
import { planSquares } from "./square-plan";
import type { HeatmapAxes } from "./heatmap-axes";

const axis = (names: string[]) => ({ names, labels: names, groups: [{ label: "", start: 0, count: names.length }] });

test("squares row by row: each one's cell key, none on the diagonal, faded when an end is not running", () => {
  const axes: HeatmapAxes = { protocol: "udp", focus: null, rows: axis(["a", "b"]), cols: axis(["a", "b", "c"]) };
  const plan = planSquares(axes, new Set(["c"]));
  assert.deepEqual(plan.keys, [null, "udp:a>b", "udp:a>c", "udp:b>a", null, "udp:b>c"]);
  assert.deepEqual([...plan.faded], [0, 0, 1, 0, 0, 1]);
  assert.deepEqual([plan.rows, plan.cols], [2, 3]);
});

test("a focused endpoint's plan: what it sent, then what it received", () => {
  const axes: HeatmapAxes = { protocol: "tcp", focus: "a", rows: { ...axis(["a", "a"]), labels: ["a →", "→ a"] }, cols: axis(["b", "c"]) };
  assert.deepEqual(planSquares(axes, new Set()).keys, ["tcp:a>b", "tcp:a>c", "tcp:b>a", "tcp:c>a"]);
});
