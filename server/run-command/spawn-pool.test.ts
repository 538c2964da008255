import { test } from "node:test";
import assert from "node:assert/strict";
import { SpawnPool } from "./spawn-pool";

test("no more than the limit run at once; the rest wait their turn and all finish", async () => {
  const pool = new SpawnPool(3);
  let now = 0;
  let most = 0;
  const work = () =>
    pool.run(async () => {
      now++;
      most = Math.max(most, now);
      await new Promise((r) => setTimeout(r, 5));
      now--;
      return now;
    });
  await Promise.all(Array.from({ length: 40 }, work));
  assert.equal(most, 3);
  assert.deepEqual(pool.stats(), { active: 0, waiting: 0, peak: 3, limit: 3, started: 40 });
});

test("a failing program frees its slot", async () => {
  const pool = new SpawnPool(1);
  await assert.rejects(pool.run(async () => Promise.reject(new Error("exit 1"))), /exit 1/);
  assert.equal(await pool.run(async () => "next"), "next");
});
