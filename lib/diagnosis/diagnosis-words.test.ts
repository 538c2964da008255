import { test } from "node:test";
import assert from "node:assert/strict";
import { canDiagnose, changesText, isOneClickFix } from "./diagnosis-words";

test("only failed TCP and UDP cells offer a diagnosis", () => {
  assert.equal(canDiagnose("tcp", { ok: false }), true);
  assert.equal(canDiagnose("udp", { ok: false }), true);
  assert.equal(canDiagnose("tcp", { ok: true }), false);
  assert.equal(canDiagnose("icmp", { ok: false }), false);
  assert.equal(canDiagnose("tcp", null), false);
});

test("offload fixes are one click, manual advice is not; changes read as ethtool names", () => {
  assert.equal(isOneClickFix({ kind: "offload", interfaceId: "c2:eth0", changes: { tx: false }, label: "x" }), true);
  assert.equal(isOneClickFix({ kind: "manual", label: "raise the MTU" }), false);
  assert.equal(changesText({ tx: false, rx: true }), "tx-checksumming off, rx-checksumming on");
});
