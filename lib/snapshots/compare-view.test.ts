import { test } from "node:test";
import assert from "node:assert/strict";
import { compareSnapshots } from "./compare-snapshots";
import { changedNodeIds, endpointNodeIds, featureWord, flippedCellKeys, nodeOfInterface, outcomeWord, pickForCompare } from "./compare-view";
import { recordedSnapshot } from "./fixture";

test("flipped cells become cell keys the matrix can mark", () => {
  const keys = flippedCellKeys([{ from: "c1", to: "host", protocol: "tcp", a: false, b: true }]);
  assert.deepEqual([...keys], ["tcp:c1>host"]);
});

test("an interface is shown on its endpoint's card, a DPDK wire on its port's card, a bridge port on the bridge", () => {
  const { topology } = recordedSnapshot();
  assert.equal(nodeOfInterface(topology, "c1:eth0"), "endpoint:c1");
  assert.equal(nodeOfInterface(topology, "host:s2-c1"), "bridge:s2_br");
  assert.equal(nodeOfInterface(topology, "host:s2-server"), "dpdk:s2_dpdk0");
  assert.equal(nodeOfInterface(topology, "nowhere:eth9"), null);
});

test("an offload change marks the card holding that interface in both graphs, across lab ids", () => {
  const a = recordedSnapshot();
  const b = recordedSnapshot();
  b.topology.interfaces.find((i) => i.id === "c1:eth0")!.offload.tx = { on: false, fixed: false };
  const port = b.topology.interfaces.find((i) => i.id === "host:s2-c2")!;
  port.offload.gro = { on: !port.offload.gro?.on, fixed: false };
  const { offload } = compareSnapshots(a, b);
  assert.deepEqual([...changedNodeIds(b.topology, offload, b.topology)].sort(), ["bridge:s2_br", "endpoint:c1"]);
  const renamed = JSON.parse(JSON.stringify(a.topology).replaceAll("s2_br", "s7_br").replaceAll("s2-", "s7-").replaceAll("s2_dpdk0", "s7_dpdk0"));
  renamed.labId = "s7";
  assert.deepEqual([...changedNodeIds(renamed, offload, b.topology)].sort(), ["bridge:s7_br", "endpoint:c1"]);
});

test("added and removed endpoints become card ids", () => {
  assert.deepEqual([...endpointNodeIds(["c3"])], ["endpoint:c3"]);
});

test("words for outcomes and feature states", () => {
  assert.deepEqual([true, false, null].map(outcomeWord), ["ok", "fail", "not tested"]);
  assert.deepEqual([true, false, null].map(featureWord), ["on", "off", "absent"]);
});

test("at most two snapshots are picked for comparison, the oldest pick dropping out", () => {
  assert.deepEqual(pickForCompare([], "a", true), ["a"]);
  assert.deepEqual(pickForCompare(["a", "b"], "c", true), ["b", "c"]);
  assert.deepEqual(pickForCompare(["a", "b"], "a", false), ["b"]);
  assert.deepEqual(pickForCompare(["a"], "a", true), ["a"]);
});
