import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFlow } from "./build-flow";
import { pathBetween } from "./path-highlight";
import { seedTopology } from "./fixtures/seed-topology";

test("c1 to server crosses c1's veth, the bridge, the DPDK port and its wire", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const path = pathBetween(nodes, edges, "c1", "server");
  assert.deepEqual([...path.edgeIds].sort(), ["port:u1_dpdk0", "veth:c1:eth0", "wire:u1_dpdk0:server"]);
  assert.deepEqual([...path.nodeIds].sort(), ["bridge:u1_br", "dpdk:u1_dpdk0", "endpoint:c1", "endpoint:server"]);
});

test("host to c2 leaves the DPDK side dark", () => {
  const { nodes, edges } = buildFlow(seedTopology);
  const path = pathBetween(nodes, edges, "host", "c2");
  assert.deepEqual([...path.edgeIds].sort(), ["internal:host:u1_br", "veth:c2:eth0"]);
  assert.ok(!path.nodeIds.has("dpdk:u1_dpdk0"));
});
