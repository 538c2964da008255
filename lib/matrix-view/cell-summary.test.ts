import { test } from "node:test";
import assert from "node:assert/strict";
import { parseCellKey, summarizeCells } from "./cell-summary";
import { cellsOf, result } from "./test-cells";

test("a cell key splits back into protocol, sender and receiver", () => {
  assert.deepEqual(parseCellKey("udp:host>c10"), { protocol: "udp", from: "host", to: "c10" });
  assert.equal(parseCellKey("sctp:a>b"), null);
  assert.equal(parseCellKey("nonsense"), null);
});

test("one pass counts shades for the legend and finds who sends and receives failures, per protocol", () => {
  const names = ["host", "c1", "c2"];
  const cells = cellsOf(
    [
      result("icmp", "c1", "c2"),
      result("tcp", "c1", "c2", "bad-checksum", { droppedBy: "c2" }),
      result("udp", "c2", "host", "timeout"),
      result("tcp", "gone", "c1", "refused"),
    ],
    [["tcp", "host", "c1"]],
  );
  const s = summarizeCells(cells, names);
  assert.equal(s.shades.ok, 1);
  assert.equal(s.shades["bad-checksum"], 1);
  assert.equal(s.shades.timeout, 1);
  assert.equal(s.shades.refused, 0, "an endpoint no longer in the lab is left out");
  assert.equal(s.shades.pending, 1);
  assert.equal(s.shades["not-run"], 3 * 3 * 2 - 4);
  assert.deepEqual(s.failures, { icmp: 0, tcp: 1, udp: 1 });
  assert.deepEqual([...s.failingFrom.tcp], ["c1"]);
  assert.deepEqual([...s.failingTo.tcp], ["c2"]);
  assert.deepEqual([...s.failingFrom.udp], ["c2"]);
  assert.deepEqual([...s.failingTo.icmp], []);
  assert.deepEqual([...s.failing].sort(), ["c1", "c2", "host"]);
  assert.deepEqual([...s.tested].sort(), ["c1", "c2", "host"]);
});

test("a probe tested again after it failed still counts its ends as failing (a re-run keeps the filter's rows)", () => {
  const cells = cellsOf([result("tcp", "c1", "c2", "refused"), result("udp", "c1", "c2")], [["tcp", "c1", "c2"], ["udp", "c1", "c2"]]);
  const s = summarizeCells(cells, ["c1", "c2"]);
  assert.deepEqual([...s.failingFrom.tcp], ["c1"]);
  assert.deepEqual([...s.failingFrom.udp], [], "a pass being tested again is no failure");
  assert.deepEqual(s.failures, { icmp: 0, tcp: 0, udp: 0 }, "nor is it counted as failed while it is tested");
  assert.equal(s.shades.pending, 2);
});

test("rows summarised before are reused, and a changed row is read again", () => {
  const names = ["host", "c1", "c2"];
  const before = cellsOf([result("tcp", "c1", "c2"), result("tcp", "c2", "c1"), result("udp", "host", "c1")]);
  summarizeCells(before, names);
  const after = before.with([["tcp:c1>c2", { result: result("tcp", "c1", "c2", "refused"), pending: false }]]);
  assert.deepEqual(summarizeCells(after, names), summarizeCells(after, [...names]), "the same as a summary from scratch");
  assert.deepEqual([...summarizeCells(after, names).failingFrom.tcp], ["c1"]);
  assert.deepEqual([...summarizeCells(before, names).failingFrom.tcp], [], "the old table's summary is its own");
});
