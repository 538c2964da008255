import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSnapshotFile, toSnapshotFile } from "./snapshot-format";
import { recordedSnapshot } from "./fixture";
import type { FinishedExperiment } from "./experiment-schema";

const bad = (change: (f: Record<string, any>) => void) => {
  const file: Record<string, any> = recordedSnapshot();
  change(file);
  const r = parseSnapshotFile(file);
  assert.equal(r.ok, false);
  return (r as { error: string }).error;
};

test("a file exported from a real lab parses and exports back the same", () => {
  const file = recordedSnapshot();
  const r = parseSnapshotFile(file);
  assert.ok(r.ok, !r.ok ? r.error : "");
  assert.deepEqual(toSnapshotFile({ id: "x", formatVersion: 1, ...r.value }), file);
});

test("format and version are checked first, with their own words", () => {
  assert.match(bad((f) => (f.version = 2)), /^version: this server reads version 1 files; this file says 2$/);
  assert.match(bad((f) => delete f.version), /^version: .* says nothing$/);
  assert.match(bad((f) => (f.format = "pcap")), /^format: expected "ovs-lab-snapshot", found "pcap"$/);
  assert.equal((parseSnapshotFile([]) as { error: string }).error, "(root): a snapshot file is a JSON object");
});

test("a wrong field is named by its path", () => {
  assert.match(bad((f) => (f.topology.interfaces[2].offload.tx.on = "yes")), /^topology\.interfaces\.2\.offload\.tx\.on: /);
  assert.match(bad((f) => (f.matrix.results[0].protocol = "sctp")), /^matrix\.results\.0\.protocol: /);
  assert.match(bad((f) => (f.spec.endpoints[0].address = "10.0.0.1")), /^spec\.endpoints\.0\.address: an IPv4 address with prefix/);
  assert.match(bad((f) => (f.layout = { n: { x: "1", y: 2 } })), /^layout\.n\.x: /);
  assert.match(bad((f) => (f.title = "  ")), /^title: a title is required$/);
  assert.match(bad((f) => (f.createdAt = "yesterday")), /^createdAt: /);
});

test("unknown keys are refused, not carried along", () => {
  assert.match(bad((f) => (f.extra = 1)), /Unrecognized key.*extra/);
  assert.match(bad((f) => (f.topology.endpoints[0].secret = "x")), /^topology\.endpoints\.0: Unrecognized key/);
});

/** A finished two-variant run as the experiment page saves it: one row done with a failure, one not runnable. */
const experiment = (): FinishedExperiment => ({
  id: "0b7f3c9e-5a1d-4c2e-9f00-3d6c1a2b4e5f",
  protocols: ["icmp", "tcp"],
  startedAt: "2026-11-25T20:00:00.000Z",
  finishedAt: "2026-11-25T20:00:12.000Z",
  variants: [
    {
      variant: { id: "ovs-userspace/netns/offload-on", switch: "ovs-userspace", endpoints: "netns", offload: true },
      labId: "q0",
      subnet: "10.77.90",
      status: "done",
      notes: [],
      tally: { icmp: { ok: 12, total: 12 }, tcp: { ok: 6, total: 12 } },
      failing: ["tcp c1>c2"],
      results: [{ from: "c1", to: "c2", protocol: "tcp", ok: false, rttMs: null, error: "timeout" }],
      explanation: { pair: "tcp c1>c2", cause: "checksum-offload", headline: "c1:eth0 has TX checksum offload on", evidence: ["SYN/ACK checksum 0x1c46"] },
      durationMs: 9000,
    },
    {
      variant: { id: "ovs-kernel/containers/offload-on", switch: "ovs-kernel", endpoints: "containers", offload: true },
      labId: "q1",
      subnet: "10.77.91",
      status: "not-runnable",
      reason: "OVS kernel datapath is not available: no openvswitch module",
      notes: [],
      tally: {},
      failing: [],
      results: [],
      durationMs: null,
    },
  ],
});

test("the experiment is optional: a version 1 file without it is valid, and one with it keeps it through export", () => {
  const plain = parseSnapshotFile(recordedSnapshot());
  assert.ok(plain.ok && plain.value.experiment === undefined);
  const file = { ...recordedSnapshot(), experiment: experiment() };
  const r = parseSnapshotFile(file);
  assert.ok(r.ok, !r.ok ? r.error : "");
  assert.deepEqual(toSnapshotFile({ id: "x", formatVersion: 1, ...r.value }), file);
});

test("an experiment saved with no lab up has no spec and an empty topology; without an experiment a spec is required", () => {
  const noLab = { ...recordedSnapshot(), spec: null, matrix: null, topology: { ...recordedSnapshot().topology, bridge: null, endpoints: [], interfaces: [], links: [] } };
  const r = parseSnapshotFile({ ...noLab, experiment: experiment() });
  assert.ok(r.ok, !r.ok ? r.error : "");
  assert.equal((parseSnapshotFile(noLab) as { error: string }).error, "spec: a snapshot without an experiment needs the lab's spec");
});

test("a wrong experiment field is named by its path", () => {
  const withExperiment = (change: (e: Record<string, any>) => void) =>
    bad((f) => {
      f.experiment = experiment();
      change(f.experiment);
    });
  assert.match(withExperiment((e) => (e.variants[0].status = "great")), /^experiment\.variants\.0\.status: /);
  assert.match(withExperiment((e) => (e.variants[0].tally.tcp.ok = -1)), /^experiment\.variants\.0\.tally\.tcp\.ok: /);
  assert.match(withExperiment((e) => (e.variants[1].explanation = { pair: "x", cause: "gremlins", headline: "", evidence: [] })), /^experiment\.variants\.1\.explanation\.cause: /);
  assert.match(withExperiment((e) => (e.finishedAt = null)), /^experiment\.finishedAt: /);
  assert.match(withExperiment((e) => (e.variants[0].secret = 1)), /^experiment\.variants\.0: Unrecognized key/);
  assert.match(withExperiment((e) => (e.variants[0].failing = Array(5000).fill("tcp c1>c2"))), /^experiment\.variants\.0\.failing: /);
});
