import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

/** The relay's scheduling (loss, token bucket, delay, jitter) is Python: its unit tests run here. */
test("link_relay.py's Direction: python3 -m unittest test_link_relay", () => {
  const r = spawnSync("python3", ["-B", "-m", "unittest", "test_link_relay"], { cwd: import.meta.dirname, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /Ran \d+ tests/);
});
