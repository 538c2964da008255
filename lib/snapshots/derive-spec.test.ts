import { test } from "node:test";
import assert from "node:assert/strict";
import { deriveLabSpec } from "./derive-spec";
import { mapInterfaceId, retargetSnapshotSpec } from "./retarget-snapshot";
import { recordedSnapshot } from "./fixture";

test("the spec derived from a recorded seed topology has its endpoints, addresses, kinds and DPDK port", () => {
  const spec = deriveLabSpec(recordedSnapshot().topology);
  assert.equal(spec.id, "s2");
  assert.deepEqual(spec.bridge, { ...spec.bridge, name: "s2_br", datapath: "netdev", address: "10.77.22.1/24" });
  const brief = spec.endpoints.map((e) => [e.name, e.kind, e.address, e.attach.via === "dpdk" ? e.attach.port : "veth", e.offload.tx]);
  assert.deepEqual(brief, [
    ["c1", "container", "10.77.22.8/24", "veth", true],
    ["c2", "container", "10.77.22.7/24", "veth", true],
    ["server", "netns", "10.77.22.10/24", "s2_dpdk0", false],
  ]);
});

test("a topology with no bridge is not a lab", () => {
  assert.throws(() => deriveLabSpec({ ...recordedSnapshot().topology, bridge: null }));
});

test("retargeting moves names to the new lab id and keeps addresses unless a /24 is given", () => {
  const spec = recordedSnapshot().spec!;
  assert.equal(retargetSnapshotSpec(spec, "s2"), spec);
  const moved = retargetSnapshotSpec(spec, "s5");
  assert.equal(moved.id, "s5");
  assert.equal(moved.bridge.name, "s5_br");
  assert.equal(moved.bridge.address, "10.77.22.1/24");
  assert.deepEqual(moved.endpoints.find((e) => e.name === "server")?.attach, { via: "dpdk", port: "s5_dpdk0" });
  const subnet = retargetSnapshotSpec(spec, "s5", "10.77.25");
  assert.deepEqual(subnet.endpoints.map((e) => e.address), ["10.77.25.8/24", "10.77.25.7/24", "10.77.25.10/24"]);
});

test("interface ids move with the lab's names; ids inside endpoints stay", () => {
  const from = { labId: "s2", bridge: "s2_br" };
  const to = { labId: "s5", bridge: "s5_br" };
  assert.equal(mapInterfaceId("c1:eth0", from, to), "c1:eth0");
  assert.equal(mapInterfaceId("host:s2_br", from, to), "host:s5_br");
  assert.equal(mapInterfaceId("host:s2-server", from, to), "host:s5-server");
  assert.equal(mapInterfaceId("host:eth0", from, to), "host:eth0");
});
