import { test } from "node:test";
import assert from "node:assert/strict";
import { squareDetails } from "./square-details";
import { result } from "./test-cells";

test("hover details: the probe, its verdict, cause, who dropped it, RTT and the counter that proves it", () => {
  const failed = result("tcp", "c7", "c12", "bad-checksum", { droppedBy: "c12", evidence: { counter: "Tcp InCsumErrors", endpoint: "c12", delta: 1 } });
  const d = squareDetails("tcp", "c7", "c12", { result: failed, pending: false });
  assert.equal(d.title, "c7 → c12 · TCP");
  assert.deepEqual(d.facts, [
    { label: "verdict", value: "failed" },
    { label: "cause", value: "bad checksum" },
    { label: "dropped by", value: "c12" },
    { label: "RTT", value: "—" },
    { label: "evidence", value: "Tcp InCsumErrors +1 at c12" },
  ]);
  assert.equal(d.explainable, true);
});

test("a pass shows its RTT; testing and untested squares say so; ICMP and pending squares are not explained", () => {
  assert.deepEqual(squareDetails("icmp", "a", "b", { result: result("icmp", "a", "b"), pending: false }).facts, [{ label: "verdict", value: "ok" }, { label: "RTT", value: "0.25 ms" }]);
  assert.equal(squareDetails("icmp", "a", "b", { result: result("icmp", "a", "b", "timeout"), pending: false }).explainable, false);
  const pending = squareDetails("udp", "a", "b", { result: result("udp", "a", "b", "refused"), pending: true });
  assert.deepEqual(pending.facts.slice(0, 2), [{ label: "verdict", value: "testing" }, { label: "last result", value: "failed" }]);
  assert.equal(pending.explainable, false);
  assert.deepEqual(squareDetails("udp", "a", "b", undefined).facts, [{ label: "verdict", value: "not tested" }]);
});
