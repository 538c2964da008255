import { test } from "node:test";
import assert from "node:assert/strict";
import type { DaemonHealthSnapshot, DaemonName } from "../../lib/contracts/daemon-health";
import { blockedByDaemons } from "./daemon-blocks";

function health(down: DaemonName[]): DaemonHealthSnapshot {
  const status = (daemon: DaemonName) => ({ daemon, state: down.includes(daemon) ? ("down" as const) : ("up" as const), since: "2026-11-25T22:00:00.000Z", lastError: null, endpoint: "/x", checkedAt: null });
  return { ok: down.length === 0, down, daemons: { "ovsdb-server": status("ovsdb-server"), "ovs-vswitchd": status("ovs-vswitchd"), dockerd: status("dockerd") } };
}
const containers = new Set(["c1", "c2"]);

test("all daemons up (or no health yet): every pair is probed", () => {
  assert.equal(blockedByDaemons(health([]), containers)("c1", "c2"), null);
  assert.equal(blockedByDaemons(null, containers)("c1", "c2"), null);
});

test("the switch down blocks every pair, naming the daemon and since when", () => {
  const blocked = blockedByDaemons(health(["ovs-vswitchd"]), containers);
  assert.equal(blocked("host", "server")?.error, "switch-down");
  assert.match(blocked("c1", "c2")?.detail ?? "", /ovs-vswitchd is down since 2026-11-25T22:00:00.000Z/);
});

test("dockerd down blocks only the pairs with a container", () => {
  const blocked = blockedByDaemons(health(["dockerd"]), containers);
  assert.equal(blocked("host", "server"), null);
  assert.equal(blocked("c1", "server")?.error, "docker-down");
  assert.equal(blocked("host", "c2")?.error, "docker-down");
});
