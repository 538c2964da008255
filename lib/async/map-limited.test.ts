import { test } from "node:test";
import assert from "node:assert/strict";
import { mapLimited } from "./map-limited";

test("mapLimited keeps the order and never runs more than the limit at once", async () => {
  let now = 0;
  let most = 0;
  const out = await mapLimited([5, 1, 4, 2, 3], 2, async (ms) => {
    most = Math.max(most, ++now);
    await new Promise((r) => setTimeout(r, ms));
    now--;
    return ms * 10;
  });
  assert.deepEqual(out, [50, 10, 40, 20, 30]);
  assert.equal(most, 2);
  assert.deepEqual(await mapLimited([], 3, async () => 1), []);
});
