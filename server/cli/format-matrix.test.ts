import { test } from "node:test";
import assert from "node:assert/strict";
import { formatMatrix } from "./format-matrix";

test("a grid per protocol with ok and FAIL cells and a dash on the diagonal", () => {
  const text = formatMatrix([
    { from: "host", to: "c1", protocol: "tcp", ok: false, rttMs: null, error: "timeout" },
    { from: "c1", to: "host", protocol: "tcp", ok: true, rttMs: 0.25, error: null },
  ], ["host", "c1"]);
  const lines = text.split("\n");
  assert.match(lines[0], /^TCP from\\to\s+host\s+c1/);
  assert.match(lines[1], /^host\s+—\s+FAIL timeout/);
  assert.match(lines[2], /^c1\s+ok 0\.25ms\s+—/);
});

test("a bad checksum names the endpoint that dropped it", () => {
  const text = formatMatrix([{ from: "c1", to: "c2", protocol: "udp", ok: false, rttMs: null, error: "bad-checksum", droppedBy: "c2" }], ["c1", "c2"]);
  assert.match(text.split("\n")[1], /^c1\s+—\s+FAIL csum@c2/);
});

test("a pair that was not run shows a dot", () => {
  const text = formatMatrix([{ from: "a", to: "b", protocol: "udp", ok: true, rttMs: 1, error: null }], ["a", "b", "c"]);
  assert.match(text.split("\n")[1], /·/);
});
