import { test } from "node:test";
import assert from "node:assert/strict";
import { CellTable, cellOf, type Cell } from "./cell-table";

const cell = (ok: boolean, pending = false): Cell => ({ result: { runId: "r", from: "a", to: "b", protocol: "tcp", ok, rttMs: null, error: ok ? null : "timeout", at: "" }, pending });

test("cells by key; a change copies only the rows it touches, the others are the same objects", () => {
  const t1 = CellTable.from([["tcp:c1>c2", cell(true)], ["tcp:c2>c1", cell(false)], ["udp:c1>c2", cell(true)]]);
  assert.equal(t1.size, 3);
  assert.equal(t1.get("tcp:c2>c1")?.result?.ok, false);
  assert.equal(t1.get("tcp:c3>c1"), undefined);
  const t2 = t1.with([["tcp:c1>c3", cell(false)], ["tcp:c1>c2", cell(false)]]);
  assert.equal(t2.size, 4, "one new key, one replaced");
  assert.equal(t1.get("tcp:c1>c2")?.result?.ok, true, "the old table is unchanged");
  assert.equal(t2.get("tcp:c1>c2")?.result?.ok, false);
  assert.notEqual(t2.row("tcp:c1"), t1.row("tcp:c1"));
  assert.equal(t2.row("tcp:c2"), t1.row("tcp:c2"));
  assert.equal(t2.row("udp:c1"), t1.row("udp:c1"));
  assert.equal(t1.with([]), t1);
});

test("map settles every cell and shares the rows it did not change; entries give keys back", () => {
  const t = CellTable.from([["tcp:c1>c2", cell(true, true)], ["udp:c1>c2", cell(true)]]);
  const settled = t.map((c) => (c.pending ? { ...c, pending: false } : c));
  assert.equal(settled.get("tcp:c1>c2")?.pending, false);
  assert.equal(settled.row("udp:c1"), t.row("udp:c1"));
  assert.deepEqual([...settled.entries()].map(([k]) => k).sort(), ["tcp:c1>c2", "udp:c1>c2"]);
});

test("a grid reads a cell the same from the table or from a snapshot's plain record", () => {
  const c = cell(true);
  assert.equal(cellOf(CellTable.from([["icmp:host>c1", c]]), "icmp:host>c1"), c);
  assert.equal(cellOf({ "icmp:host>c1": c }, "icmp:host>c1"), c);
});
