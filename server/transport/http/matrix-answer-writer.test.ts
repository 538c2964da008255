import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { MatrixRun, ProbeResult } from "../../../lib/contracts/matrix";
import type { MatrixAnswer } from "../../../lib/contracts/api-routes";
import type { MatrixRunning } from "../../operations/lab-operations";
import { writeMatrixAnswer } from "./matrix-answer-writer";

/** A run that lands results when told to, as LabService.followRun hands them out. */
function fakeRun(runId: string) {
  const results: ProbeResult[] = [];
  const followers = new Set<(r: ProbeResult) => void>();
  let finish!: (run: MatrixRun) => void;
  let fail!: (err: Error) => void;
  const done = new Promise<MatrixRun>((resolve, reject) => ([finish, fail] = [resolve, reject]));
  done.catch(() => undefined);
  const run = { runId, protocols: ["tcp"], endpoints: [], total: 0, startedAt: "", finishedAt: null, durationMs: null, results } satisfies MatrixRun;
  return {
    followers,
    land(from: string, to: string, extra: Partial<ProbeResult> = {}) {
      const result: ProbeResult = { runId, from, to, protocol: "tcp", ok: false, rttMs: null, error: "bad-checksum", detail: `${to} dropped it`, droppedBy: to, at: "2026-11-27T00:00:00.000Z", ...extra };
      results.push(result);
      for (const f of followers) f(result);
    },
    finish: (durationMs: number) => finish({ ...run, durationMs, finishedAt: "2026-11-27T00:00:01.000Z" }),
    fail,
    running(merged = false): MatrixRunning {
      return {
        merged,
        run,
        follow: (onResult) => {
          for (const r of results) onResult(r);
          followers.add(onResult);
          return () => followers.delete(onResult);
        },
        done,
      };
    },
  };
}

async function serve(answer: (res: import("node:http").ServerResponse) => Promise<void>): Promise<{ server: Server; url: string; errors: unknown[] }> {
  const errors: unknown[] = [];
  const server = createServer((_req, res) => {
    // As the API router does: an error answer while nothing was written, else a cut.
    answer(res).catch((err: Error) => {
      errors.push(err);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "failed", message: err.message } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, errors };
}

test("the answer is one MatrixAnswer document: the results landed before the request and after, in order, without run id or time", async () => {
  const run = fakeRun("r1");
  run.land("c1", "c2");
  const { server, url } = await serve((res) => writeMatrixAnswer(res, run.running(true)));
  try {
    const pending = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 50));
    run.land("c2", "c1", { ok: true, error: null, rttMs: 0.4, detail: undefined, droppedBy: undefined });
    run.finish(42);
    const res = await pending;
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/json; charset=utf-8");
    const answer = (await res.json()) as MatrixAnswer;
    assert.deepEqual(answer, {
      runId: "r1",
      merged: true,
      results: [
        { from: "c1", to: "c2", protocol: "tcp", ok: false, rttMs: null, error: "bad-checksum", detail: "c2 dropped it", droppedBy: "c2" },
        { from: "c2", to: "c1", protocol: "tcp", ok: true, rttMs: 0.4, error: null },
      ],
      durationMs: 42,
    });
    assert.equal(run.followers.size, 0, "the writer stops following once the run is over");
  } finally {
    server.close();
  }
});

test("a large answer goes out while the run goes, before its last result", async () => {
  const run = fakeRun("r2");
  const { server, url } = await serve((res) => writeMatrixAnswer(res, run.running()));
  try {
    const res = await (async () => {
      const pending = fetch(url);
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (let i = 0; i < 2000; i++) run.land(`c${i}`, "c0");
      return pending; // the head and the first chunks are out: the fetch answers though the run is not over
    })();
    const reader = res.body!.getReader();
    const first = await reader.read();
    assert.ok(first.value && first.value.length > 0, "bytes arrive before the run ends");
    run.land("last", "c0");
    run.finish(7);
    let text = new TextDecoder().decode(first.value);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    const answer = JSON.parse(text) as MatrixAnswer;
    assert.equal(answer.results.length, 2001);
    assert.equal(answer.results.at(-1)!.from, "last");
    assert.equal(answer.durationMs, 7);
  } finally {
    server.close();
  }
});

test("a run that fails once under way cuts the connection: no cut-off document passes for an answer", async () => {
  const run = fakeRun("r3");
  for (let i = 0; i < 2000; i++) run.land(`c${i}`, "c0");
  const { server, url, errors } = await serve((res) => writeMatrixAnswer(res, run.running()));
  try {
    const res = await fetch(url);
    run.fail(new Error("the socket prober went"));
    await assert.rejects(res.text());
    assert.equal(errors.length, 1);
    assert.equal(run.followers.size, 0);
  } finally {
    server.close();
  }
});

test("a small run that fails before anything was written gets an error answer, not a cut", async () => {
  const run = fakeRun("r6");
  run.land("c1", "c2");
  const { server, url } = await serve((res) => writeMatrixAnswer(res, run.running()));
  try {
    const pending = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 30));
    run.fail(new Error("the lab went down"));
    const res = await pending;
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: { code: "failed", message: "the lab went down" } });
  } finally {
    server.close();
  }
});

test("requests merged onto one run each get the whole answer, whenever they came", async () => {
  const run = fakeRun("r4");
  for (let i = 0; i < 450; i++) run.land(`c${i}`, "c0");
  let merged = false;
  const { server, url } = await serve((res) => writeMatrixAnswer(res, run.running((merged = !merged) === false)));
  try {
    const early = fetch(url).then((r) => r.json() as Promise<MatrixAnswer>);
    await new Promise((resolve) => setTimeout(resolve, 30));
    for (let i = 450; i < 700; i++) run.land(`c${i}`, "c0");
    const late = fetch(url).then((r) => r.json() as Promise<MatrixAnswer>);
    await new Promise((resolve) => setTimeout(resolve, 30));
    for (let i = 700; i < 901; i++) run.land(`c${i}`, "c0");
    run.finish(3);
    const [a, b] = await Promise.all([early, late]);
    assert.deepEqual(a.results.map((r) => r.from), Array.from({ length: 901 }, (_, i) => `c${i}`));
    assert.deepEqual(b.results, a.results);
    assert.deepEqual([a.merged, b.merged], [false, true]);
    assert.equal(run.followers.size, 0);
  } finally {
    server.close();
  }
});

test("a caller that goes away gets nothing more written, and the others their answer", async () => {
  const run = fakeRun("r5");
  for (let i = 0; i < 500; i++) run.land(`c${i}`, "c0");
  const { server, url, errors } = await serve((res) => writeMatrixAnswer(res, run.running()));
  try {
    const aborted = new AbortController();
    const gone = await fetch(url, { signal: aborted.signal });
    aborted.abort();
    await gone.text().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const staying = fetch(url).then((r) => r.json() as Promise<MatrixAnswer>);
    for (let i = 500; i < 1000; i++) run.land(`c${i}`, "c0");
    run.finish(1);
    assert.equal((await staying).results.length, 1000);
    assert.deepEqual(errors, []);
  } finally {
    server.close();
  }
});
