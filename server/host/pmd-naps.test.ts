import { test } from "node:test";
import assert from "node:assert/strict";
import { PmdNaps } from "./pmd-naps";
import { PMD_IDLE_MAXSLEEP_US, PMD_RUN_MAXSLEEP_US as RUN } from "../../lib/contracts/host-facts";

test("short naps from the first run until a moment after the last; overlapping runs set it once", async () => {
  const sets: number[] = [];
  const pmd = new PmdNaps(async (us) => void sets.push(us));
  const a = await pmd.hold();
  const b = await pmd.hold();
  assert.deepEqual(sets, [RUN]);
  a();
  a(); // a second release of the same hold counts once
  await new Promise((r) => setTimeout(r, 1700));
  assert.deepEqual(sets, [RUN], "still held by b");
  b();
  const c = await pmd.hold(); // a re-test right after: no flap
  c();
  await new Promise((r) => setTimeout(r, 1700));
  assert.deepEqual(sets, [RUN, PMD_IDLE_MAXSLEEP_US]);
});

test("a switch that refuses the setting does not fail the run", async () => {
  const pmd = new PmdNaps(async () => Promise.reject(new Error("ovs-vsctl: no switch")));
  const release = await pmd.hold();
  release();
  await pmd.release();
});

test("warm: short naps ahead of the run that follows, which then finds it set; naps again when none comes", async () => {
  const sets: number[] = [];
  const pmd = new PmdNaps(async (us) => void sets.push(us));
  pmd.warm();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sets, [RUN], "set at once");
  const run = await pmd.hold();
  assert.deepEqual(sets, [RUN], "the run did not set it again");
  run();
  await new Promise((r) => setTimeout(r, 1700));
  assert.deepEqual(sets, [RUN, PMD_IDLE_MAXSLEEP_US]);
  pmd.warm();
  await new Promise((r) => setTimeout(r, 1700));
  assert.deepEqual(sets, [RUN, PMD_IDLE_MAXSLEEP_US, RUN, PMD_IDLE_MAXSLEEP_US], "a warm-up with no run after it naps again");
});

test("a run after a pause waits out a long nap begun before the setting; one while the naps are short does not", async () => {
  const pmd = new PmdNaps(async () => undefined, 60);
  let t = performance.now();
  const [a, b] = await Promise.all([pmd.hold(), pmd.hold()]);
  assert.ok(performance.now() - t >= 55, "both holders waited for the nap to end");
  t = performance.now();
  const c = await pmd.hold();
  assert.ok(performance.now() - t < 30, "already short: no wait");
  for (const release of [a, b, c]) release();
  await pmd.release();
});
