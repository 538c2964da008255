import { test } from "node:test";
import assert from "node:assert/strict";
import { labDatapaths } from "./lab-datapaths";
import { seedTopology } from "./fixtures/seed-topology";
import { twoHostTopology } from "./fixtures/two-host-topology";
import { twoBridgeTopology } from "./fixtures/two-bridge-topology";

test("the seed lab: one netdev bridge and its DPDK port", () => {
  const d = labDatapaths(seedTopology);
  assert.equal(d.summary, "netdev");
  assert.deepEqual(d.dpdkPorts.map((p) => [p.host, p.port.name]), [[null, "u1_dpdk0"]]);
});

test("a lab across hosts has no bridge on this host: each host's br_int, and the DPDK port on host b", () => {
  assert.equal(twoHostTopology.bridge, null);
  const d = labDatapaths(twoHostTopology);
  assert.equal(d.summary, "a: br_int netdev, b: br_int netdev");
  assert.deepEqual(d.dpdkPorts.map((p) => [p.host, p.port.name]), [["b", "dpdk0"]]);
});

test("two bridges are named with their datapaths; no lab says so", () => {
  assert.match(labDatapaths(twoBridgeTopology).summary, /^\w+ netdev, \w+ netdev$/);
  assert.deepEqual(labDatapaths(null), { summary: "no lab", dpdkPorts: [] });
});
