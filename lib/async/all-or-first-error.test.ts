import { test } from "node:test";
import assert from "node:assert/strict";
import { allOrFirstError } from "./all-or-first-error";

test("the values in order; a failure is thrown only once every promise has settled, the first failure in order", async () => {
  assert.deepEqual(await allOrFirstError([Promise.resolve(1), Promise.resolve("two")]), [1, "two"]);
  let slowDone = false;
  const slow = new Promise<number>((resolve) => setTimeout(() => ((slowDone = true), resolve(3)), 30));
  await assert.rejects(allOrFirstError([Promise.reject(new Error("first")), slow, Promise.reject(new Error("second"))]), /first/);
  assert.equal(slowDone, true, "the slow one had finished before the rejection came");
});
