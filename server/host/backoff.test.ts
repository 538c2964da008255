import { test } from "node:test";
import assert from "node:assert/strict";
import { Backoff } from "./backoff";

test("doubles from the first delay up to the cap, and starts again after a reset", () => {
  const b = new Backoff(100, 2000);
  assert.deepEqual(Array.from({ length: 7 }, () => b.next()), [100, 200, 400, 800, 1600, 2000, 2000]);
  assert.equal(b.attempts, 7);
  b.reset();
  assert.equal(b.next(), 100);
});

test("a long outage never overflows the delay", () => {
  const b = new Backoff(100, 2000);
  for (let i = 0; i < 5000; i++) b.next();
  assert.equal(b.next(), 2000);
});
