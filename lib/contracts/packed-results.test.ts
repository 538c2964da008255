import { test } from "node:test";
import assert from "node:assert/strict";
import type { MatrixRun, ProbeResult } from "./matrix";
import { packResults, packRun, unpackResults, unpackRun } from "./packed-results";

const t0 = Date.parse("2026-11-26T18:00:00.000Z");
const at = (ms: number) => new Date(t0 + ms).toISOString();

const RESULTS: ProbeResult[] = [
  { runId: "r1", from: "c1", to: "c2", protocol: "icmp", ok: true, rttMs: 0.123, error: null, at: at(5) },
  {
    runId: "r1",
    from: "c1",
    to: "c2",
    protocol: "tcp",
    ok: false,
    rttMs: null,
    error: "bad-checksum",
    detail: "SYN dropped",
    droppedBy: "c2",
    evidence: { counter: "Tcp InCsumErrors", endpoint: "c2", delta: 1, packet: { kind: "SYN", checksum: "0x1234", expected: "0xabcd" } },
    at: at(17),
  },
  { runId: "r2", from: "host", to: "server", protocol: "udp", ok: false, rttMs: null, error: "timeout", detail: "no answer in 200 ms", at: at(0) },
  { runId: "r2", from: "server", to: "c1", protocol: "udp", ok: false, rttMs: 1.5, error: "refused", at: at(1234) },
];

test("results come back from rows exactly as they went in, extras included", () => {
  assert.deepEqual(unpackResults(packResults(RESULTS)), RESULTS);
});

test("each name is written once, and a result without extras is eight numbers", () => {
  const packed = packResults(RESULTS);
  assert.deepEqual(packed.words.toSorted(), ["bad-checksum", "c1", "c2", "host", "icmp", "r1", "r2", "refused", "server", "tcp", "timeout", "udp"]);
  assert.equal(packed.baseMs, t0);
  assert.equal(packed.rows[0].length, 8);
  assert.equal(packed.rows[1].length, 9);
  assert.ok(JSON.stringify(packed).length < JSON.stringify(RESULTS).length * 0.8);
});

test("no results, and a run with its summary", () => {
  assert.deepEqual(unpackResults(packResults([])), []);
  const run: MatrixRun = { runId: "r1", protocols: ["icmp", "tcp"], endpoints: ["c1", "c2"], total: 2, startedAt: at(0), finishedAt: at(20), durationMs: 20, results: RESULTS.slice(0, 2) };
  const packed = packRun(run);
  assert.deepEqual(unpackRun(JSON.parse(JSON.stringify(packed))), run);
});

test("a 100-endpoint run's worth of results is several times smaller as rows", () => {
  const names = ["host", ...Array.from({ length: 100 }, (_, i) => `c${i + 1}`)];
  const many: ProbeResult[] = [];
  for (const from of names) for (const to of names) if (from !== to) many.push({ runId: "8d6f1f0e-3c4b-4a59-9d7e-2f0a1b2c3d4e", from, to, protocol: "tcp", ok: true, rttMs: 0.412, error: null, at: at(many.length % 3000) });
  const asRows = JSON.stringify(packResults(many)).length;
  assert.ok(asRows * 4 < JSON.stringify(many).length, `rows ${asRows} B against objects ${JSON.stringify(many).length} B`);
  assert.deepEqual(unpackResults(JSON.parse(JSON.stringify(packResults(many)))), many);
});
