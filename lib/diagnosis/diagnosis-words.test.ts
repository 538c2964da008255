import { test } from "node:test";
import assert from "node:assert/strict";
import { canDiagnose, cellNowText, changesText, isOneClickFix } from "./diagnosis-words";

test("only failed TCP and UDP cells offer a diagnosis", () => {
  assert.equal(canDiagnose("tcp", { ok: false }), true);
  assert.equal(canDiagnose("udp", { ok: false }), true);
  assert.equal(canDiagnose("tcp", { ok: true }), false);
  assert.equal(canDiagnose("icmp", { ok: false }), false);
  assert.equal(canDiagnose("tcp", null), false);
  assert.equal(canDiagnose("tcp", { ok: false, error: "timeout" }), true);
  assert.equal(canDiagnose("tcp", { ok: false, error: "switch-down" }), false);
  assert.equal(canDiagnose("udp", { ok: false, error: "docker-down" }), false);
});

test("offload fixes are one click, manual advice is not; changes read as ethtool names", () => {
  assert.equal(isOneClickFix({ kind: "offload", interfaceId: "c2:eth0", changes: { tx: false }, label: "x" }), true);
  assert.equal(isOneClickFix({ kind: "manual", label: "raise the MTU" }), false);
  assert.equal(changesText({ tx: false, rx: true }), "tx-checksumming off, rx-checksumming on");
});

test("the explained cell's state now: re-testing, works with its time, or still failing", () => {
  const result = { runId: "r", from: "c1", to: "c2", protocol: "tcp" as const, ok: false, rttMs: null, error: "timeout" as const, at: "t" };
  assert.equal(cellNowText(undefined), null);
  assert.deepEqual(cellNowText({ result, pending: true }), { kind: "pending", text: "now: re-testing…" });
  assert.deepEqual(cellNowText({ result, pending: false }), { kind: "fail", text: "now: still failing (timeout)" });
  assert.deepEqual(cellNowText({ result: { ...result, ok: true, rttMs: 6.25, error: null }, pending: false }), { kind: "ok", text: "now: works (6.3 ms)" });
});
