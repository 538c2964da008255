import { test } from "node:test";
import assert from "node:assert/strict";
import { RunQueue, type Pair } from "./run-queue";

test("requests made during a run are merged into one run after it", async () => {
  const started: (Pair[] | undefined)[] = [];
  const queue = new RunQueue(async (pairs) => (started.push(pairs), `r${started.length}`));
  queue.request([["c1", "c2"]]);
  await Promise.resolve();
  queue.request([["c2", "c1"]]);
  queue.request([["c2", "c1"], ["host", "c2"]]);
  assert.equal(started.length, 1);
  queue.finished("r1");
  await Promise.resolve();
  assert.deepEqual(started[1], [["c2", "c1"], ["host", "c2"]]);
});

test("a request for everything wins over pairs", async () => {
  const started: (Pair[] | undefined)[] = [];
  const queue = new RunQueue(async (pairs) => (started.push(pairs), `r${started.length}`));
  queue.request([["a", "b"]]);
  await Promise.resolve();
  queue.request([["b", "a"]]);
  queue.request();
  queue.finished("r1");
  await Promise.resolve();
  assert.equal(started[1], undefined);
  assert.equal(started.length, 2);
});

test("a failed start lets the next request through", async () => {
  let calls = 0;
  const queue = new RunQueue(async () => {
    calls++;
    throw new Error("no lab");
  });
  queue.request();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(queue.busy, false);
  queue.request();
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(calls, 2);
});
