import { test } from "node:test";
import assert from "node:assert/strict";
import type { PathExplanation, PathHop } from "../contracts/path-explain";
import { buildFlow } from "./build-flow";
import { pathTraceMarks } from "./path-trace-marks";
import { seedTopology } from "./fixtures/seed-topology";

const hop = (kind: PathHop["kind"], extra: Partial<PathHop>): PathHop => ({
  kind, label: kind, bridge: null, port: null, interfaceId: null, endpoint: null, direction: null, rules: [], notes: [], counters: [], reached: true, ...extra,
});
const hops = [
  hop("endpoint", { endpoint: "c1" }),
  hop("port", { bridge: "u1_br", port: "u1-c1" }),
  hop("bridge", { bridge: "u1_br" }),
  hop("port", { bridge: "u1_br", port: "u1-c2" }),
  hop("endpoint", { endpoint: "c2" }),
];
const explained = (died: PathExplanation["died"]): PathExplanation => ({
  from: "c1", to: "c2", protocol: "icmp", sizeBytes: null, probe: { ok: !died, error: null, rttMs: null }, cause: "works", headline: "", evidence: [], fixes: [], hops, died,
  trace: { bridge: "u1_br", flow: "", datapathActions: "" },
});

test("a path that arrived: every wire lit, no marker", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const marks = pathTraceMarks(nodes, edges, explained(null));
  assert.deepEqual([...marks.litEdgeIds].sort(), ["veth:c1:eth0", "veth:c2:eth0"]);
  assert.equal(marks.lostEdgeIds.size, 0);
  assert.equal(marks.dead, null);
});

test("dropped by a rule in the bridge: the sender's wire lit, the receiver's lost, the marker on the bridge", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const marks = pathTraceMarks(nodes, edges, explained({ hop: 2, death: "flow-drop", reason: "the rule drops it" }));
  assert.deepEqual([...marks.litEdgeIds], ["veth:c1:eth0"]);
  assert.deepEqual([...marks.lostEdgeIds], ["veth:c2:eth0"]);
  assert.deepEqual(marks.dead, { nodeId: "bridge:u1_br", reason: "the rule drops it", death: "flow-drop" });
});

test("refused by the receiver's kernel: the whole way lit, the marker on the receiver's card", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const marks = pathTraceMarks(nodes, edges, explained({ hop: 4, death: "checksum-refused", reason: "bad checksum" }));
  assert.equal(marks.lostEdgeIds.size, 0);
  assert.equal(marks.dead?.nodeId, "endpoint:c2");
});

test("the sender's link down: nothing lit", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const marks = pathTraceMarks(nodes, edges, explained({ hop: 0, death: "link-down", reason: "c1:eth0 is down" }));
  assert.equal(marks.litEdgeIds.size, 0);
  assert.equal(marks.dead?.nodeId, "endpoint:c1");
});
