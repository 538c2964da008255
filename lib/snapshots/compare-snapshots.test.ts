import { test } from "node:test";
import assert from "node:assert/strict";
import { compareSnapshots, diffMatrixCells } from "./compare-snapshots";
import { recordedSnapshot } from "./fixture";
import type { Topology } from "../contracts/topology";

test("a snapshot compared with itself has no differences", () => {
  const s = recordedSnapshot();
  assert.deepEqual(compareSnapshots(s, s), { endpoints: { added: [], removed: [] }, offload: [], cells: [] });
});

test("offload changes per interface and feature, and the cells that flipped", () => {
  const a = recordedSnapshot();
  const b = recordedSnapshot();
  b.topology.interfaces.find((i) => i.id === "c1:eth0")!.offload.tx = { on: false, fixed: false };
  b.matrix!.results.filter((r) => r.from === "c1" && r.to === "host" && r.protocol === "tcp").forEach((r) => (r.ok = true));
  const diff = compareSnapshots(a, b);
  assert.deepEqual(diff.offload, [{ interfaceId: "c1:eth0", feature: "tx", a: true, b: false }]);
  assert.deepEqual(diff.cells, [{ from: "c1", to: "host", protocol: "tcp", a: false, b: true }]);
});

test("endpoints added and removed; cells only one run tested", () => {
  const a = recordedSnapshot();
  const b = recordedSnapshot();
  b.topology.endpoints = b.topology.endpoints.filter((e) => e.name !== "c2");
  b.topology.endpoints.push({ ...a.topology.endpoints.find((e) => e.name === "c1")!, name: "c3" });
  assert.deepEqual(compareSnapshots(a, b).endpoints, { added: ["c3"], removed: ["c2"] });
  assert.deepEqual(diffMatrixCells([{ from: "a", to: "b", protocol: "udp", ok: true }], []), [{ from: "a", to: "b", protocol: "udp", a: true, b: null }]);
});

test("interfaces are matched across lab ids by their role names", () => {
  const a = recordedSnapshot();
  const rename = (t: Topology, labId: string): Topology => {
    const swap = (s: string) => s.replaceAll("s2_br", `${labId}_br`).replaceAll("s2-", `${labId}-`).replaceAll("ovslab-s2-", `ovslab-${labId}-`);
    return JSON.parse(swap(JSON.stringify({ ...t, labId })));
  };
  const b = { topology: rename(a.topology, "s7"), matrix: a.matrix };
  assert.deepEqual(compareSnapshots(a, b).offload, []);
  b.topology.interfaces.find((i) => i.id === "host:s7_br")!.offload.gro = { on: false, fixed: false };
  assert.deepEqual(compareSnapshots(a, b).offload, [{ interfaceId: "host:s7_br", feature: "gro", a: true, b: false }]);
});
