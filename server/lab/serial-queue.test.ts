import { test } from "node:test";
import assert from "node:assert/strict";
import { SerialQueue } from "./serial-queue";
import { LabError } from "./lab-errors";

const deferred = () => {
  let resolve!: (v: string) => void;
  const promise = new Promise<string>((r) => (resolve = r));
  return { promise, resolve };
};

test("work runs one at a time, in the order it came", async () => {
  const queue = new SerialQueue("runs", 10);
  const order: string[] = [];
  const a = deferred();
  const first = queue.submit("a", async () => (order.push("a start"), a.promise));
  const second = queue.submit("b", async () => (order.push("b start"), "b"));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(order, ["a start"]);
  a.resolve("a");
  assert.deepEqual(await Promise.all([first.promise, second.promise]), ["a", "b"]);
  assert.deepEqual(order, ["a start", "b start"]);
  assert.equal(queue.size, 0);
});

test("an identical request joins the running or waiting one and says so", async () => {
  const queue = new SerialQueue("runs", 10);
  let runs = 0;
  const gate = deferred();
  const one = queue.submit("same", async () => (runs++, gate.promise));
  const two = queue.submit("same", async () => (runs++, "never"));
  const other = queue.submit("other", async () => "other");
  const three = queue.submit("other", async () => "never");
  assert.deepEqual([one.merged, two.merged, other.merged, three.merged], [false, true, false, true]);
  gate.resolve("shared");
  assert.deepEqual(await Promise.all([one.promise, two.promise, three.promise]), ["shared", "shared", "other"]);
  assert.equal(runs, 1);
});

test("past the bound a request is refused as busy, with a time to retry; a failure does not stop the queue", async () => {
  const queue = new SerialQueue("runs", 2, 3);
  const gate = deferred();
  queue.submit("running", async () => gate.promise);
  queue.submit("w1", async () => "w1");
  const failing = queue.submit("w2", async () => {
    throw new Error("boom");
  });
  assert.throws(
    () => queue.submit("w3", async () => "w3"),
    (err: unknown) => err instanceof LabError && err.code === "busy" && err.retryAfterS === 3 && /2 runs are already waiting/.test(err.message),
  );
  gate.resolve("done");
  await assert.rejects(failing.promise, /boom/);
  assert.equal(await queue.submit("after", async () => "after").promise, "after");
  await queue.drained();
});

test("work submitted from inside running work runs at once instead of waiting for itself", async () => {
  const queue = new SerialQueue("lab changes", 1);
  const outer = queue.submit("restore", async () => {
    const inner = queue.submit("up", async () => "inner up");
    return `restore with ${await inner.promise}`;
  });
  assert.equal(await outer.promise, "restore with inner up");
});

test("settled() waits for the work queued so far (a toggle never lands inside an up), but not from inside it", async () => {
  const queue = new SerialQueue("lab changes", 4);
  const gate = deferred();
  const order: string[] = [];
  queue.submit("up", async () => {
    await gate.promise;
    order.push("up done");
  });
  const toggle = queue.settled().then(() => order.push("toggle"));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(order, []);
  gate.resolve("go");
  await toggle;
  assert.deepEqual(order, ["up done", "toggle"]);
  // From inside a change (a restore setting offload after its own up): no waiting for itself.
  assert.equal(await queue.submit("restore", async () => (await queue.settled(), "restored")).promise, "restored");
});
