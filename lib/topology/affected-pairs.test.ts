import { test } from "node:test";
import assert from "node:assert/strict";
import { affectedPairs, endpointOfInterface } from "./affected-pairs";
import { seedTopology } from "./fixtures/seed-topology";

test("a container end or its bridge-side peer both belong to the container", () => {
  assert.equal(endpointOfInterface(seedTopology, "c1:eth0"), "c1");
  assert.equal(endpointOfInterface(seedTopology, "host:u1-c1"), "c1");
  assert.equal(endpointOfInterface(seedTopology, "host:u1-server"), "server");
  assert.equal(endpointOfInterface(seedTopology, "host:u1_br"), "host");
  assert.equal(endpointOfInterface(seedTopology, "nope:eth9"), null);
});

test("toggling c1 re-tests every ordered pair with c1 in it", () => {
  const pairs = affectedPairs(seedTopology, "c1:eth0").map((p) => p.join(">")).sort();
  assert.deepEqual(pairs, ["c1>c2", "c1>host", "c1>server", "c2>c1", "host>c1", "server>c1"]);
});
