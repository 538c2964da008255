import { test } from "node:test";
import assert from "node:assert/strict";
import { planMatrix, probeCount } from "./plan-matrix";

const seed = [
  { name: "host", ipv4: "10.55.66.1" },
  { name: "c1", ipv4: "10.55.66.8" },
  { name: "c2", ipv4: "10.55.66.7" },
  { name: "server", ipv4: "10.55.66.10" },
];

test("the seed lab has 12 ordered pairs, 36 probes for three protocols", () => {
  const plan = planMatrix(seed, ["icmp", "tcp", "udp"], 200, 47007);
  assert.equal(probeCount(plan), 36);
  // ICMP: one request per source; TCP/UDP: one per pair.
  assert.equal(plan.filter((p) => p.protocol === "icmp").length, 4);
  assert.equal(plan.filter((p) => p.protocol === "tcp").length, 12);
});

test("no endpoint probes itself, and every ordered pair appears once per protocol", () => {
  const plan = planMatrix(seed, ["tcp"], 200, 47007);
  const pairs = plan.flatMap((p) => p.to.map((to) => `${p.from}>${to}`));
  assert.equal(new Set(pairs).size, 12);
  assert.ok(pairs.every((p) => p.split(">")[0] !== p.split(">")[1]));
});

test("ICMP targets keep the order of the names they stand for", () => {
  const [icmp] = planMatrix(seed, ["icmp"], 150, 47007);
  assert.deepEqual(icmp.to, ["c1", "c2", "server"]);
  assert.deepEqual(icmp.request, { kind: "icmp", targets: ["10.55.66.8", "10.55.66.7", "10.55.66.10"], timeoutMs: 150 });
});

test("20 endpoints give 380 ordered pairs", () => {
  const many = Array.from({ length: 20 }, (_, i) => ({ name: `c${i}`, ipv4: `10.0.0.${i + 2}` }));
  assert.equal(probeCount(planMatrix(many, ["icmp", "tcp", "udp"], 200, 1)), 1140);
});

test("a single endpoint has nothing to probe", () => {
  assert.deepEqual(planMatrix(seed.slice(0, 1), ["icmp"], 200, 1), []);
});
