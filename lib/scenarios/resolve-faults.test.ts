import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { labSpecSchema } from "../lab-spec/schema";
import { retargetSpec } from "../lab-spec/retarget";
import { scenarioSchema } from "./scenario-schema";
import { isolatingPrefix, resolveFaults, typoAddress } from "./resolve-faults";
import { pickIndexes, seededRandom } from "./seeded-random";

const trio = scenarioSchema.parse(parse(readFileSync(new URL("../../scenarios/hidden-trio.yaml", import.meta.url), "utf8")));
const trioSpec = retargetSpec((trio.lab as { spec: ReturnType<typeof labSpecSchema.parse> }).spec, "sc1", "10.77.191");
const seedSpec = retargetSpec(labSpecSchema.parse(parse(readFileSync(new URL("../../labs/seed.yaml", import.meta.url), "utf8"))), "sc1", "10.77.191");
const entries = (faults: unknown[]) => scenarioSchema.parse({ id: "t", title: "t", lab: { template: "seed" }, faults, checks: [{ id: "x", noFaultLeft: true }], steps: [{ id: "s", title: "s" }] }).faults;

test("the same seed gives the same faults, every time", () => {
  for (const seed of ["alice", "bob", "class-7/student-12", ""]) assert.deepEqual(resolveFaults(trio.faults, trioSpec, seed), resolveFaults(trio.faults, trioSpec, seed));
});

test("different seeds give different fault sets (neighbours do not copy each other)", () => {
  const sets = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(resolveFaults(trio.faults, trioSpec, `student-${i}`))));
  assert.ok(sets.size >= 15, `only ${sets.size} distinct sets for 20 seeds`);
  assert.notDeepEqual(resolveFaults(trio.faults, trioSpec, "alice"), resolveFaults(trio.faults, trioSpec, "bob"));
});

test("pick N of M gives N distinct faults, in the file's order; every oneOf value comes from its list", () => {
  for (let i = 0; i < 50; i++) {
    const faults = resolveFaults(trio.faults, trioSpec, `s${i}`);
    assert.equal(faults.length, 3);
    const order = ["vlan", "flow", "down", "prefix", "mtu"];
    const ids = faults.map((f) => f.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    for (const f of faults) {
      if (f.kind === "vlan-tag") assert.ok([10, 20, 30, 99].includes(f.tag));
      if (f.kind === "mtu-mismatch") assert.ok([1000, 1280, 1400].includes(f.mtu) && f.end === "inner");
      if ("endpoint" in f && f.kind !== "firewall-drop") assert.ok(["c1", "c2", "c3"].includes(f.endpoint));
    }
  }
  const rng = seededRandom("x");
  for (let i = 0; i < 100; i++) {
    const picked = pickIndexes(rng, 5, 3);
    assert.equal(new Set(picked).size, 3);
    assert.ok(picked.every((n) => n >= 0 && n < 5));
  }
});

test("addresses come from the lab as moved to its subnet; ids are the file's or made from the kind", () => {
  const faults = resolveFaults(
    entries([
      { kind: "drop-flow", from: "host", to: "server", protocol: "udp" },
      { id: "fw", kind: "firewall-drop", endpoint: "server", peer: "c1" },
      { kind: "drop-flow", from: "c1", to: "c2" },
      { kind: "wrong-address", endpoint: "c2" },
      { kind: "wrong-address", endpoint: "c1", wrong: "prefix" },
    ]),
    seedSpec,
    "any",
  );
  assert.deepEqual(faults, [
    { id: "drop-flow-1", kind: "drop-flow", from: "host", to: "server", protocol: "udp", fromIp: "10.77.191.1", toIp: "10.77.191.10" },
    { id: "fw", kind: "firewall-drop", endpoint: "server", chain: "INPUT", protocol: "tcp", peer: "c1", peerIp: "10.77.191.8" },
    { id: "drop-flow-2", kind: "drop-flow", from: "c1", to: "c2", protocol: "tcp", fromIp: "10.77.191.8", toIp: "10.77.191.7" },
    { id: "wrong-address-1", kind: "wrong-address", endpoint: "c2", planted: "10.77.192.7/24", expected: "10.77.191.7/24" },
    { id: "wrong-address-2", kind: "wrong-address", endpoint: "c1", planted: "10.77.191.8/32", expected: "10.77.191.8/24" },
  ]);
});

test("a wrong prefix leaves every other endpoint outside and the address neither first nor last of its network", () => {
  assert.equal(isolatingPrefix("10.0.0.9", ["10.0.0.1", "10.0.0.20"]), 30);
  assert.equal(isolatingPrefix("10.0.0.12", ["10.0.0.1"]), 29);
  assert.equal(isolatingPrefix("10.0.0.9", ["10.0.0.10"]), 32);
  assert.equal(isolatingPrefix("10.0.0.8", ["10.0.0.1", "10.0.0.7"]), 32);
  assert.equal(typoAddress("10.77.255.4/24"), "10.77.0.4/24");
});
