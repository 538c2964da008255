import { test } from "node:test";
import assert from "node:assert/strict";
import { supervise, type StartStream } from "./supervise";

const fast = { backoff: { firstMs: 5, maxMs: 20 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stream whose instances the test ends by hand; `starts` says how often it was started. */
function fakeStream(failStarts = 0) {
  const state = { starts: 0, disposed: 0, end: (_why: string) => {} };
  const start: StartStream = async (ended) => {
    state.starts++;
    if (state.starts > 1 && state.starts <= 1 + failStarts) throw new Error("daemon away");
    state.end = ended;
    return () => void state.disposed++;
  };
  return { state, start };
}

test("a stream that ends is started again, and the owner hears of the gap", async () => {
  const { state, start } = fakeStream();
  const troubles: string[] = [];
  let restarted = 0;
  const stop = await supervise(start, { ...fast, onTrouble: (w) => troubles.push(w), onRestarted: () => restarted++ });
  state.end("dockerd closed the event stream");
  state.end("dockerd closed the event stream");
  await sleep(30);
  assert.equal(state.starts, 2);
  assert.equal(state.disposed, 1);
  assert.deepEqual(troubles, ["dockerd closed the event stream"]);
  assert.equal(restarted, 1);
  stop();
  assert.equal(state.disposed, 2);
});

test("restarts that fail keep retrying until the daemon is back", async () => {
  const { state, start } = fakeStream(3);
  const troubles: string[] = [];
  const stop = await supervise(start, { ...fast, onTrouble: (w) => troubles.push(w) });
  state.end("gone");
  await sleep(150);
  assert.equal(state.starts, 5);
  assert.deepEqual(troubles, ["gone", "daemon away", "daemon away", "daemon away"]);
  stop();
});

test("after stop nothing is started again", async () => {
  const { state, start } = fakeStream();
  const stop = await supervise(start, fast);
  stop();
  state.end("late");
  await sleep(30);
  assert.equal(state.starts, 1);
});

test("the first start's failure is the caller's", async () => {
  await assert.rejects(supervise(async () => Promise.reject(new Error("no dockerd")), fast), /no dockerd/);
});
