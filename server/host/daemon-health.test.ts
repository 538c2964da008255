import { test } from "node:test";
import assert from "node:assert/strict";
import type { DaemonName, DaemonStatus } from "../../lib/contracts/daemon-health";
import { DaemonHealth } from "./daemon-health";

/** Health over probes the test answers by hand, on a clock the test moves. */
function rig() {
  const answers: Record<DaemonName, string | null> = { "ovsdb-server": null, "ovs-vswitchd": null, dockerd: null };
  const calls: DaemonName[] = [];
  let clock = Date.parse("2026-11-26T10:00:00.000Z");
  const probe = (d: DaemonName) => async () => (calls.push(d), answers[d]);
  const health = new DaemonHealth({
    probes: { "ovsdb-server": probe("ovsdb-server"), "ovs-vswitchd": probe("ovs-vswitchd"), dockerd: probe("dockerd") },
    endpoints: { "ovsdb-server": "/run/x/db.sock", "ovs-vswitchd": "/run/x/vswitchd.ctl", dockerd: "/run/x/docker.sock" },
    now: () => new Date(clock),
  });
  const events: string[] = [];
  for (const name of ["change", "down", "up"] as const) health.on(name, (s: DaemonStatus) => events.push(`${name}:${s.daemon}:${s.state}`));
  return { health, answers, calls, events, tick: (ms: number) => (clock += ms) };
}

test("starts unknown, and the first check says up without an 'up' (return) event", async () => {
  const { health, events } = rig();
  assert.equal(health.snapshot().ok, false);
  assert.equal(health.status("dockerd").state, "unknown");
  const snap = await health.check();
  assert.equal(snap.ok, true);
  assert.deepEqual(snap.down, []);
  assert.deepEqual(events, ["change:ovsdb-server:up", "change:ovs-vswitchd:up", "change:dockerd:up"]);
});

test("down and back: since moves at each change, the last error stays, events fire once", async () => {
  const { health, answers, events, tick } = rig();
  await health.check();
  events.length = 0;
  tick(1000);
  answers["ovs-vswitchd"] = "not answering on /run/x/vswitchd.ctl (ECONNREFUSED)";
  await health.check();
  await health.check("ovs-vswitchd");
  const down = health.snapshot();
  assert.equal(down.ok, false);
  assert.deepEqual(down.down, ["ovs-vswitchd"]);
  assert.deepEqual(down.daemons["ovs-vswitchd"], {
    daemon: "ovs-vswitchd",
    state: "down",
    since: "2026-11-26T10:00:01.000Z",
    lastError: "not answering on /run/x/vswitchd.ctl (ECONNREFUSED)",
    endpoint: "/run/x/vswitchd.ctl",
    checkedAt: "2026-11-26T10:00:01.000Z",
  });
  tick(2000);
  answers["ovs-vswitchd"] = null;
  await health.check("ovs-vswitchd");
  const back = health.status("ovs-vswitchd");
  assert.equal(back.state, "up");
  assert.equal(back.since, "2026-11-26T10:00:03.000Z");
  assert.match(back.lastError!, /ECONNREFUSED/);
  assert.deepEqual(events, ["change:ovs-vswitchd:down", "down:ovs-vswitchd:down", "change:ovs-vswitchd:up", "up:ovs-vswitchd:up"]);
  // Part of a lab's state revision: 3 changes at the first check, then the daemon's down and up; the checks between moved nothing.
  assert.equal(health.changes, 5);
});

test("a driver's report counts at once; a probe that throws is a down with its message", async () => {
  const { health, events } = rig();
  await health.check();
  events.length = 0;
  health.report("ovsdb-server", false, "ovsdb-server is not answering at /run/x/db.sock");
  assert.equal(health.isUp("ovsdb-server"), false);
  health.report("ovsdb-server", true);
  assert.deepEqual(events, ["change:ovsdb-server:down", "down:ovsdb-server:down", "change:ovsdb-server:up", "up:ovsdb-server:up"]);

  const throwing = new DaemonHealth({
    probes: { "ovsdb-server": async () => null, "ovs-vswitchd": async () => null, dockerd: async () => Promise.reject(new Error("connect ENOENT")) },
    endpoints: { "ovsdb-server": "a", "ovs-vswitchd": "b", dockerd: "c" },
  });
  assert.equal((await throwing.check()).daemons.dockerd.lastError, "connect ENOENT");
});

test("overlapping checks of one daemon share one probe; start() feeds and probes until stop()", async () => {
  const { health, calls } = rig();
  await Promise.all([health.check("dockerd"), health.check("dockerd")]);
  assert.equal(calls.filter((d) => d === "dockerd").length, 1);

  let fed = 0;
  let unfed = 0;
  const h = new DaemonHealth({
    probes: { "ovsdb-server": async () => null, "ovs-vswitchd": async () => null, dockerd: async () => null },
    endpoints: { "ovsdb-server": "a", "ovs-vswitchd": "b", dockerd: "c" },
    intervalMs: 5,
    feeds: [() => (fed++, () => void unfed++)],
  });
  h.start().start();
  await new Promise((r) => setTimeout(r, 30));
  h.stop();
  assert.equal(h.snapshot().ok, true);
  assert.deepEqual([fed, unfed], [1, 1]);
});

test("one late answer from a daemon that was up is not an outage; two in a row are; a refusal is at once", async () => {
  const { health, answers, events } = rig();
  await health.check();
  events.length = 0;
  answers["ovs-vswitchd"] = "not answering on /run/x/vswitchd.ctl (/run/x/vswitchd.ctl did not answer version in 1500 ms)";
  await health.check("ovs-vswitchd");
  assert.equal(health.status("ovs-vswitchd").state, "up");
  assert.deepEqual(events, []);
  answers["ovs-vswitchd"] = null;
  await health.check("ovs-vswitchd");
  answers["ovs-vswitchd"] = "not answering on /run/x/vswitchd.ctl (/run/x/vswitchd.ctl did not answer version in 1500 ms)";
  await health.check("ovs-vswitchd");
  assert.equal(health.status("ovs-vswitchd").state, "up", "an answer in between starts the count again");
  await health.check("ovs-vswitchd");
  assert.equal(health.status("ovs-vswitchd").state, "down");
  assert.deepEqual(events, ["change:ovs-vswitchd:down", "down:ovs-vswitchd:down"]);
  answers["ovs-vswitchd"] = null;
  await health.check("ovs-vswitchd");
  answers.dockerd = "not answering at /run/x/docker.sock (connect ECONNREFUSED)";
  await health.check("dockerd");
  assert.equal(health.status("dockerd").state, "down");
});
