import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { concernsLab, monitoredInterfaces } from "./parse-ip-monitor";

const recorded = readFileSync(path.join(import.meta.dirname, "fixtures/ip-monitor-veth.txt"), "utf8");

test("the names of every event in a recorded ip monitor stream (a veth made, addressed, set up, deleted)", () => {
  assert.deepEqual([...new Set(monitoredInterfaces(recorded))], ["pmx-b", "pmx-a"]);
});

test("another lab's or the machine's interfaces are not this lab's news; its own are", () => {
  const mine = (n: string) => n.startsWith("e1-") || n === "e1_br";
  assert.equal(concernsLab(recorded, mine), false);
  assert.equal(concernsLab("7: e1-c1@if6: <BROADCAST,MULTICAST,UP> mtu 1500\n    link/ether 02:00:00:00:00:01\n", mine), true);
  assert.equal(concernsLab("9: e1_br    inet 10.77.19.1/24 scope global e1_br\n", mine), true);
});

test("a line it cannot read counts as news (a missed change is worse than a spare rediscovery)", () => {
  assert.equal(monitoredInterfaces("something new\n"), null);
  assert.equal(concernsLab("something new\n", () => false), true);
});
