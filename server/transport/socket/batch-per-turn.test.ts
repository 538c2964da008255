import { test } from "node:test";
import assert from "node:assert/strict";
import { batchPerTurn } from "./batch-per-turn";

test("items of one turn go out together at its end; flush sends what waits at once, and only once", async () => {
  const sent: number[][] = [];
  const batch = batchPerTurn<number>((items) => sent.push(items));
  batch.add(1);
  batch.add(2);
  assert.deepEqual(sent, []);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent, [[1, 2]]);
  batch.add(3);
  batch.flush();
  assert.deepEqual(sent, [[1, 2], [3]]);
  await new Promise((r) => setImmediate(r));
  batch.flush();
  assert.deepEqual(sent, [[1, 2], [3]], "nothing waits: nothing is sent");
});
