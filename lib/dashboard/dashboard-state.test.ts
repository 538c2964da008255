import { test } from "node:test";
import assert from "node:assert/strict";
import { dashboardReducer, initialDashboardState, progressOf } from "./dashboard-state";
import type { ProbeResult } from "../contracts/matrix";
import type { HostFacts } from "../contracts/host-facts";

const host: HostFacts = {
  ovsVersion: "3.1.0",
  dpdkVersion: "DPDK 22.11.11",
  dpdkInitialized: true,
  datapathTypes: ["netdev", "system"],
  interfaceTypes: [],
  dockerVersion: "20.10.24",
  kernelDatapath: { available: false, reason: "no openvswitch module" },
  userspaceDatapath: { available: true },
  dpdk: { available: true },
  docker: { available: true },
  bridgeNetfilter: { callIptables: null, forwardPolicy: null },
  pmdMaxSleepUs: 10000,
  userspaceTso: false,
};

const result = (from: string, to: string, ok: boolean): ProbeResult => ({
  runId: "r1",
  from,
  to,
  protocol: "tcp",
  ok,
  rttMs: ok ? 0.4 : null,
  error: ok ? null : "timeout",
  at: "2026-11-25T00:00:00.000Z",
});

test("results fill cells one by one and count progress", () => {
  let s = dashboardReducer(initialDashboardState, {
    kind: "run-started",
    run: { runId: "r1", protocols: ["tcp"], endpoints: ["c1", "c2"], total: 2, startedAt: "", finishedAt: null, durationMs: null },
  });
  s = dashboardReducer(s, { kind: "result", result: result("c1", "c2", false) });
  assert.deepEqual(progressOf(s), { done: 1, total: 2 });
  assert.equal(s.cells.get("tcp:c1>c2")!.result?.error, "timeout");
  s = dashboardReducer(s, { kind: "result", result: result("c2", "c1", true) });
  assert.equal(s.cells.get("tcp:c2>c1")!.result?.ok, true);
  s = dashboardReducer(s, { kind: "run-finished", run: { runId: "r1", protocols: ["tcp"], endpoints: [], total: 2, startedAt: "", finishedAt: "", durationMs: 1 } });
  assert.deepEqual(progressOf(s), { done: 0, total: 0 });
});

test("a batch of results fills its cells and counts each one, as one by one would", () => {
  const started = dashboardReducer(initialDashboardState, {
    kind: "run-started",
    run: { runId: "r1", protocols: ["tcp"], endpoints: ["c1", "c2"], total: 3, startedAt: "", finishedAt: null, durationMs: null },
  });
  const batch = [result("c1", "c2", false), result("c2", "c1", true), { ...result("c1", "c2", true), runId: "other" }];
  const s = dashboardReducer(started, { kind: "results", results: batch });
  assert.deepEqual(s, batch.reduce((acc, r) => dashboardReducer(acc, { kind: "result", result: r }), started));
  assert.deepEqual(progressOf(s), { done: 2, total: 3 });
  assert.equal(s.cells.get("tcp:c1>c2")!.result?.runId, "other", "the last result of a cell wins");
  assert.equal(dashboardReducer(s, { kind: "results", results: [] }), s);
});

test("a queued re-test marks cells pending and keeps the old result until the new one arrives", () => {
  let s = dashboardReducer(initialDashboardState, { kind: "result", result: result("c1", "c2", false) });
  s = dashboardReducer(s, { kind: "pending", pairs: [["c1", "c2"]], protocols: ["tcp", "udp"] });
  assert.equal(s.cells.get("tcp:c1>c2")!.pending, true);
  assert.equal(s.cells.get("tcp:c1>c2")!.result?.ok, false);
  assert.equal(s.cells.get("udp:c1>c2")!.result, null);
  s = dashboardReducer(s, { kind: "result", result: result("c1", "c2", true) });
  assert.deepEqual(s.cells.get("tcp:c1>c2")!, { result: result("c1", "c2", true), pending: false });
});

test("a resync takes the newest result per cell: pair re-tests win over the last full run", () => {
  const full = { ...result("c1", "c2", false), runId: "full" };
  const retest = { ...result("c1", "c2", true), runId: "pairs" };
  const s = dashboardReducer(initialDashboardState, {
    kind: "state",
    topology: { labId: "u1", bridge: null, endpoints: [], interfaces: [], links: [], discoveredAt: "" },
    host,
    lastRun: { runId: "full", protocols: ["tcp"], endpoints: [], total: 1, startedAt: "", finishedAt: "", durationMs: 1, results: [full] },
    latest: [retest],
    daemons: { ok: true, down: [], daemons: {} as never },
  });
  assert.equal(s.cells.get("tcp:c1>c2")!.result?.ok, true);
});

test("the daemons' state arrives with the resync and with every change", () => {
  const down = { ok: false, down: ["ovs-vswitchd" as const], daemons: {} as never };
  const s = dashboardReducer(initialDashboardState, { kind: "daemons", daemons: down });
  assert.deepEqual(s.daemons?.down, ["ovs-vswitchd"]);
});
