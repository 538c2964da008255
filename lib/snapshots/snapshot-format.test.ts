import { test } from "node:test";
import assert from "node:assert/strict";
import { parseSnapshotFile, toSnapshotFile } from "./snapshot-format";
import { recordedSnapshot } from "./fixture";

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
