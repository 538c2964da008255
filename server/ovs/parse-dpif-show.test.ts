import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseDpifShow } from "./parse-dpif-show";
import { parseOfctlPorts } from "./parse-ofctl-ports";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

test("dpif/show: each port's bridge, OpenFlow and datapath numbers", () => {
  const ports = parseDpifShow(fixture("dpif-show.txt"));
  assert.deepEqual(ports.map((p) => [p.bridge, p.name, p.ofport, p.odpPort, p.type]), [
    ["px_br", "px-c1", 2, 3, "system"],
    ["px_br", "px-c2", 5, 2, "system"],
    ["px_br", "px_br", 65534, 1, "tap"],
    ["px_br", "px_dpdk0", 3, 4, "dpdk"],
  ]);
});

test("dpif/show across two bridges: patch ports with their peers and no datapath port", () => {
  const ports = parseDpifShow(fixture("dpif-show-two-bridges.txt"));
  assert.deepEqual(ports.find((p) => p.name === "px-pa"), { bridge: "px_br", name: "px-pa", ofport: 6, odpPort: null, type: "patch", peer: "px-pb" });
  assert.deepEqual(ports.find((p) => p.name === "px-pb"), { bridge: "pxb1", name: "px-pb", ofport: 1, odpPort: null, type: "patch", peer: "px-pa" });
});

test("dump-ports: rx and tx counts per port, '?' read as 0", () => {
  const stats = parseOfctlPorts(fixture("ofctl-dump-ports.txt"));
  assert.deepEqual(stats.map((s) => s.port), ["LOCAL", "5", "2", "3"]);
  assert.deepEqual(stats[2], { port: "2", rxPackets: 5, txPackets: 17, rxDropped: 0, txDropped: 0, rxErrors: 0, txErrors: 0 });
});
