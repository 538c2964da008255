import { test } from "node:test";
import assert from "node:assert/strict";
import type { HeatmapAxes } from "./heatmap-axes";
import { axisGeometry, chooseLayout, GROUP_GAP, heatmapGeometry, indexAt, labelMargins, squareAt } from "./heatmap-geometry";

const axis = (count: number, bands: number[]) => {
  const names = Array.from({ length: count }, (_, i) => `c${i + 1}`);
  let start = 0;
  const groups = bands.map((n, i) => ({ label: `g${i}`, start: (start += n) - n, count: n }));
  return { names, labels: names, groups };
};

test("rows are a pitch apart, with a gap between groups; the pixel under a gap is no row", () => {
  const g = axisGeometry(axis(5, [2, 3]), 10);
  assert.deepEqual(g.offsets, [0, 10, 20 + GROUP_GAP, 30 + GROUP_GAP, 40 + GROUP_GAP]);
  assert.equal(g.extent, 50 + GROUP_GAP);
  assert.equal(indexAt(g, 0, 10), 0);
  assert.equal(indexAt(g, 19.5, 10), 1);
  assert.equal(indexAt(g, 21, 10), null, "inside the gap");
  assert.equal(indexAt(g, 20 + GROUP_GAP, 10), 2);
  assert.equal(indexAt(g, 49 + GROUP_GAP, 10), 4);
  assert.equal(indexAt(g, 50 + GROUP_GAP, 10), null, "past the last row");
  assert.equal(indexAt(g, -1, 10), null);
  assert.equal(indexAt(axisGeometry(axis(0, []), 10), 0, 10), null);
});

test("a point on the canvas names its square once the label margins are taken off", () => {
  const axes: HeatmapAxes = { protocol: "tcp", focus: null, rows: axis(101, [101]), cols: axis(101, [4, 97]) };
  const geo = heatmapGeometry(axes, 4);
  const { left, top } = labelMargins(4);
  assert.deepEqual([geo.left, geo.top, geo.rowPitch, geo.colPitch], [left, top, 4, 4]);
  assert.equal(geo.width, left + 101 * 4 + GROUP_GAP);
  assert.deepEqual(squareAt(geo, left + 1, top + 1), { row: 0, col: 0 });
  assert.deepEqual(squareAt(geo, left + 4 * 4 + GROUP_GAP + 2, top + 100 * 4 + 3), { row: 100, col: 4 });
  assert.equal(squareAt(geo, left - 1, top + 1), null, "in the labels");
});

test("a few rows (a filter, one endpoint's row and column) grow tall enough to carry their names", () => {
  const axes: HeatmapAxes = { protocol: "tcp", focus: "c1", rows: axis(2, [2]), cols: axis(100, [100]) };
  const geo = heatmapGeometry(axes, 3);
  assert.deepEqual([geo.rowPitch, geo.colPitch], [12, 3]);
  assert.deepEqual([geo.left, geo.top], [92, 18]);
  assert.equal(geo.height, 18 + 24);
  assert.deepEqual(squareAt(geo, 92 + 3 * 99 + 1, 18 + 12 + 11), { row: 1, col: 99 });
});

test("three heatmaps side by side whenever the squares fit, else one per line, as large as fits", () => {
  assert.deepEqual(chooseLayout(1390, 101, 1), { perLine: 3, pitch: 3 });
  assert.deepEqual(chooseLayout(1390, 101, 3), { perLine: 3, pitch: 3 });
  assert.deepEqual(chooseLayout(1390, 13, 1), { perLine: 3, pitch: 18 });
  assert.deepEqual(chooseLayout(1920, 101, 1), { perLine: 3, pitch: 5 });
  const narrow = chooseLayout(900, 101, 1);
  assert.equal(narrow.perLine, 1);
  assert.ok(narrow.pitch >= 7 && 84 + 101 * narrow.pitch <= 900);
  assert.equal(chooseLayout(200, 250, 1).pitch, 3, "never below the smallest square");
});
