import { test } from "node:test";
import assert from "node:assert/strict";
import { buildFlow } from "./build-flow";
import { pathBetween } from "./path-highlight";
import { seedTopology } from "./fixtures/seed-topology";
import { twoBridgeTopology } from "./fixtures/two-bridge-topology";

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

test("a10 to b10 on the other bridge crosses the patch wire and both bridges; a10 to a20 on the same bridge does not", () => {
  const { nodes, edges } = buildFlow(twoBridgeTopology);
  const patch = edges.find((e) => e.data?.kind === "patch")!;
  const across = pathBetween(nodes, edges, "a10", "b10");
  assert.ok(across.edgeIds.has(patch.id), [...across.edgeIds].join(" "));
  assert.ok(across.nodeIds.has("bridge:gv_br") && across.nodeIds.has("bridge:gv_br2"), [...across.nodeIds].join(" "));
  const beside = pathBetween(nodes, edges, "a10", "a20");
  assert.equal(beside.edgeIds.has(patch.id), false);
  assert.equal(beside.nodeIds.has("bridge:gv_br2"), false);
});
