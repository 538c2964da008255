import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { dropDeltas, parseCoverage } from "./parse-coverage";

/** Recorded with `ovs-appctl coverage/show` on OVS 3.1 (DPDK build) running the seed lab. */
const recorded = readFileSync(path.join(import.meta.dirname, "fixtures/coverage-show.txt"), "utf8");

test("reads every counter's total and skips the header and footer", () => {
  const totals = parseCoverage(recorded);
  assert.equal(totals.size, 54);
  assert.equal(totals.get("bridge_reconfigure"), 1833);
  assert.equal(totals.get("drop_action_of_pipeline"), 198);
  assert.equal(totals.has("Event"), false);
});

test("only drop counters that grew are reported, a counter first hit counts from zero", () => {
  const before = parseCoverage(recorded);
  const after = new Map(before);
  after.set("drop_action_of_pipeline", 201);
  after.set("netdev_send_prepare_drops", 4);
  after.set("netlink_sent", 999_999);
  assert.deepEqual(dropDeltas(before, after), { drop_action_of_pipeline: 3, netdev_send_prepare_drops: 4 });
});
