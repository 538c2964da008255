import { test } from "node:test";
import assert from "node:assert/strict";
import type { ProbeResult } from "../contracts/matrix";
import type { Topology } from "../contracts/topology";
import { seedTopology } from "../topology/fixtures/seed-topology";
import { scenarioSchema } from "./scenario-schema";
import { evaluateChecks, evaluateSteps, type Observation } from "./checks";

const T0 = "2026-11-26T10:00:00.000Z";
const BEFORE = "2026-11-26T09:59:59.000Z";
const AFTER = "2026-11-26T10:00:01.000Z";

const scenario = scenarioSchema.parse({
  id: "t",
  title: "t",
  lab: { template: "seed" },
  checks: [
    { id: "tcp-ok", cell: "tcp c1->server" },
    { id: "tcp-fails", cell: "tcp c1->server", expect: "fail", pass: "broken, as planned", fail: "it should still be broken" },
    { id: "tx-off", interface: "c1:eth0", tx: "off" },
    { id: "port-mtu", interface: "host:{lab}-c1", mtu: 1500, up: true },
    { id: "csum", capture: "c1:eth0", protocol: "tcp", checksums: "correct" },
    { id: "clean", noFaultLeft: true },
  ],
  steps: [
    { id: "one", title: "One", checks: ["tcp-ok", "tx-off"] },
    { id: "none", title: "Reading only" },
  ],
});

const result = (ok: boolean, at: string, extra: Partial<ProbeResult> = {}): ProbeResult => ({ runId: "r", from: "c1", to: "server", protocol: "tcp", ok, rttMs: ok ? 1 : null, error: ok ? null : "bad-checksum", droppedBy: ok ? undefined : "server", at, ...extra });
const topology = (tx: boolean, at = AFTER): Topology => ({
  ...seedTopology,
  discoveredAt: at,
  interfaces: seedTopology.interfaces.map((i) => (i.id === "c1:eth0" ? { ...i, offload: { ...i.offload, tx: { on: tx, fixed: false } } } : i)),
});
const observed = (o: Partial<Observation>): Observation => ({ changedAt: T0, topology: topology(true), latest: [], faults: [], ...o });
const byId = (o: Observation) => Object.fromEntries(evaluateChecks(scenario, o).map((r) => [r.id, r]));

test("a cell not measured yet, or not since the lab changed, is pending: not failed", () => {
  const none = byId(observed({}));
  assert.equal(none["tcp-ok"].status, "pending");
  assert.equal(none["tcp-ok"].passed, false);
  assert.match(none["tcp-ok"].message, /has not been tested yet/);
  const stale = byId(observed({ latest: [result(true, BEFORE)] }));
  assert.equal(stale["tcp-ok"].status, "pending");
  assert.match(stale["tcp-ok"].message, /since the lab last changed/);
});

test("a cell may be required to work or to fail; the newest result of the cell decides; the file's words are used", () => {
  const failing = byId(observed({ latest: [result(true, AFTER), result(false, "2026-11-26T10:00:02.000Z")] }));
  assert.deepEqual([failing["tcp-ok"].status, failing["tcp-ok"].message], ["failed", "tcp c1->server fails (bad-checksum, dropped by server)"]);
  assert.deepEqual([failing["tcp-fails"].status, failing["tcp-fails"].message], ["passed", "broken, as planned"]);
  const working = byId(observed({ latest: [result(true, AFTER)] }));
  assert.deepEqual([working["tcp-ok"].passed, working["tcp-ok"].message], [true, "tcp c1->server works"]);
  assert.deepEqual([working["tcp-fails"].passed, working["tcp-fails"].message], [false, "it should still be broken"]);
  const whenever = byId(observed({ changedAt: null, latest: [result(true, BEFORE)] }));
  assert.equal(whenever["tcp-ok"].status, "passed");
});

test("interface checks read the topology (with {lab} filled in), and wait for one read after the change", () => {
  const on = byId(observed({}));
  assert.deepEqual([on["tx-off"].status, on["tx-off"].message], ["failed", "c1:eth0: tx-checksumming on, it should be off"]);
  assert.deepEqual([on["port-mtu"].status, on["port-mtu"].message], ["passed", "host:u1-c1: MTU 1500, link up"]);
  assert.equal(byId(observed({ topology: topology(false) }))["tx-off"].status, "passed");
  assert.equal(byId(observed({ topology: topology(false, BEFORE) }))["tx-off"].status, "pending");
  const gone = { ...seedTopology, discoveredAt: AFTER, interfaces: seedTopology.interfaces.filter((i) => i.owner !== "c1") };
  assert.match(byId(observed({ topology: gone }))["tx-off"].message, /c1:eth0 is not in the lab \(is c1 running\?\)/);
});

test("no fault left: pending until every detector looked after the change; says how many are left, never which", () => {
  const fault = (present: boolean, at = AFTER) => ({ id: "c1-offload", kind: "tx-offload" as const, present, evidence: "c1:eth0 tx-checksumming: on", at });
  assert.equal(byId(observed({ faults: [fault(true, BEFORE)] })).clean.status, "pending");
  const left = byId(observed({ faults: [fault(true), { ...fault(false), id: "other" }] })).clean;
  assert.deepEqual([left.status, left.message], ["failed", "1 of 2 problems left"]);
  assert.doesNotMatch(left.message, /c1|offload/);
  assert.equal(byId(observed({ faults: [fault(false)] })).clean.status, "passed");
  assert.equal(byId(observed({ faults: [] })).clean.status, "passed");
});

test("a capture verdict: pending without a capture of that protocol since the change, then judged on its checksums", () => {
  const packet = (verdict: "correct" | "partial") => ({ protocol: "tcp" as const, l4Checksum: { verdict, value: 1, expected: verdict === "correct" ? 1 : 2 } });
  assert.equal(byId(observed({})).csum.status, "pending");
  assert.equal(byId(observed({ captures: [{ interfaceId: "c1:eth0", at: AFTER, packets: [{ protocol: "arp", l4Checksum: null }] }] })).csum.status, "pending");
  const bad = byId(observed({ captures: [{ interfaceId: "c1:eth0", at: AFTER, packets: [packet("correct"), packet("partial")] }] })).csum;
  assert.deepEqual([bad.status, bad.message], ["failed", "1 of 2 TCP packets on c1:eth0 with a bad checksum"]);
  assert.equal(byId(observed({ captures: [{ interfaceId: "c1:eth0", at: AFTER, packets: [packet("correct")] }] })).csum.status, "passed");
});

test("a step is done when all its checks pass; a step without checks never is", () => {
  const results = evaluateChecks(scenario, observed({ topology: topology(false), latest: [result(true, AFTER)] }));
  assert.deepEqual(evaluateSteps(scenario, results), [
    { id: "one", done: true, passed: 2, total: 2 },
    { id: "none", done: false, passed: 0, total: 0 },
  ]);
});
