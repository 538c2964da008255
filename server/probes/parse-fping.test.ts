import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseFping } from "./parse-fping";

const recorded = readFileSync(new URL("./fixtures/fping-mixed.txt", import.meta.url), "utf8");

test("a reply, a timeout and an ICMP error, as fping printed them on a real host", () => {
  const [ok, silent, unreachable] = parseFping(recorded, ["10.99.1.10", "10.99.1.77", "10.98.0.1"]);
  assert.deepEqual(ok, { target: "10.99.1.10", ok: true, rttMs: 3.83, error: null });
  assert.equal(silent.error, "timeout");
  assert.equal(unreachable.ok, false);
  assert.equal(unreachable.error, "unreachable");
});

test("a target fping never mentions is a timeout", () => {
  assert.deepEqual(parseFping("", ["10.0.0.1"]), [{ target: "10.0.0.1", ok: false, rttMs: null, error: "timeout" }]);
});

test("a send error with no route is reported as no-route", () => {
  const [r] = parseFping("10.1.2.3: error while sending ping: Network is unreachable\n", ["10.1.2.3"]);
  assert.equal(r.error, "no-route");
});
