import { test } from "node:test";
import assert from "node:assert/strict";
import vm from "node:vm";
import { PREFETCH_SCRIPT, takePrefetchedState } from "./state-prefetch";

/** Runs the script as the page's HTML does, at `pathname`; what it fetched and what it left behind. */
function runAt(pathname: string, answer: { ok: boolean; body?: unknown } | Error = { ok: true, body: { revision: "r1" } }) {
  const fetched: { url: string; init: RequestInit }[] = [];
  const window: Record<string, unknown> = {};
  const fetch = (url: string, init: RequestInit) => {
    fetched.push({ url, init });
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve({ ok: answer.ok, json: () => Promise.resolve(answer.body) });
  };
  vm.runInNewContext(PREFETCH_SCRIPT, { location: { pathname }, window, fetch });
  return { fetched, window };
}

test("a lab page asks for its own lab's state as the HTML is read; other pages ask nothing", async () => {
  assert.deepEqual(runAt("/").fetched.map((f) => f.url), ["/api/state"]);
  assert.deepEqual(runAt("/labs/st-ada").fetched.map((f) => f.url), ["/api/labs/st-ada/state"]);
  assert.deepEqual(runAt("/labs/st-ada/present").fetched.map((f) => f.url), ["/api/labs/st-ada/state"]);
  assert.deepEqual(runAt("/labs/a%20b").fetched.map((f) => f.url), ["/api/labs/a%20b/state"]);
  assert.equal(runAt("/").fetched[0].init.credentials, "same-origin");
  for (const other of ["/labs", "/labs/", "/snapshots", "/s/abc", "/experiment", "/classes/x"]) {
    const { fetched, window } = runAt(other);
    assert.deepEqual(fetched, [], other);
    assert.equal(takePrefetchedState(undefined, window), null, other);
  }
});

test("the page takes the answer once, only for the lab it asked about", async () => {
  const { window } = runAt("/labs/a%20b");
  assert.equal(takePrefetchedState("other", { ...window }), null);
  assert.equal(takePrefetchedState(undefined, { ...window }), null);
  assert.deepEqual(await takePrefetchedState("a b", window), { revision: "r1" });
  assert.equal(takePrefetchedState("a b", window), null, "taken once");
  assert.deepEqual(await takePrefetchedState(undefined, runAt("/").window), { revision: "r1" });
});

test("a refusal or a network error leaves the page to ask the socket", async () => {
  assert.equal(await takePrefetchedState(undefined, runAt("/", { ok: false, body: { error: "no" } }).window), null);
  assert.equal(await takePrefetchedState(undefined, runAt("/", new Error("offline")).window), null);
});
