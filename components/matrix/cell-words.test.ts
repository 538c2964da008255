import { test } from "node:test";
import assert from "node:assert/strict";
import { cellText, cellWords } from "./cell-words";

test("a cell says the RTT, or the cause: who dropped a bad checksum, no ARP, or the error", () => {
  assert.equal(cellText({ ok: true, rttMs: 0.4321, error: null }), "0.4 ms");
  assert.equal(cellText({ ok: false, rttMs: null, error: "bad-checksum", droppedBy: "c2" }), "csum ✗ at c2");
  assert.equal(cellText({ ok: false, rttMs: null, error: "no-arp" }), "no ARP");
  assert.equal(cellText({ ok: false, rttMs: null, error: "refused" }), "refused");
  assert.equal(cellText({ ok: false, rttMs: null, error: null }), "failed");
  assert.equal(cellWords({ ok: false, rttMs: null, error: "bad-checksum", droppedBy: "host" }), "failed, bad checksum, dropped by host");
  assert.equal(cellWords({ ok: true, rttMs: 1, error: null }), "ok, 1.0 ms");
});
