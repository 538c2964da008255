import { test } from "node:test";
import assert from "node:assert/strict";
import type { DaemonName } from "../../lib/contracts/daemon-health";
import { seedLabAs } from "./derived-labs";
import { DaemonHealth } from "../host/daemon-health";
import { repairOnDaemonReturn, type Repairable } from "./daemon-recovery";

/** Real health logic over probes the test answers, and a lab that records the ups a repair makes. */
async function rig() {
  const answers: Record<DaemonName, string | null> = { "ovsdb-server": null, "ovs-vswitchd": null, dockerd: null };
  const pids: Record<DaemonName, number | null> = { "ovsdb-server": 100, "ovs-vswitchd": 200, dockerd: 300 };
  const probe = (d: DaemonName) => async () => answers[d];
  const pid = (d: DaemonName) => async () => pids[d];
  const health = new DaemonHealth({
    probes: { "ovsdb-server": probe("ovsdb-server"), "ovs-vswitchd": probe("ovs-vswitchd"), dockerd: probe("dockerd") },
    endpoints: { "ovsdb-server": "db.sock", "ovs-vswitchd": "vswitchd.ctl", dockerd: "docker.sock" },
    pids: { "ovsdb-server": pid("ovsdb-server"), "ovs-vswitchd": pid("ovs-vswitchd"), dockerd: pid("dockerd") },
  });
  await health.check();
  const ups: string[] = [];
  const lab: Repairable & { spec: ReturnType<typeof seedLabAs> | null } = {
    spec: seedLabAs("rp", "10.77.99"),
    repairSpec() {
      return this.spec;
    },
    up: async (spec) => void ups.push(spec.id),
    scheduleRefresh: () => undefined,
  };
  const repair = repairOnDaemonReturn(health, lab);
  const settle = () => new Promise((r) => setImmediate(r));
  return { health, answers, pids, lab, ups, repair, settle };
}

test("dockerd away and back: the lab is brought up again toward the spec taken when it went", async () => {
  const { health, answers, ups, repair, settle } = await rig();
  answers.dockerd = "connection refused";
  health.report("dockerd", false, "connection refused");
  answers.dockerd = null;
  health.report("dockerd", true);
  await settle();
  assert.deepEqual(ups, ["rp"]);
  repair.stop();
});

test("a lab brought down while dockerd was away is not brought back when it returns", async () => {
  const { health, answers, lab, ups, repair, settle } = await rig();
  answers.dockerd = "connection refused";
  health.report("dockerd", false, "connection refused");
  // The operator's down: the lab forgets its spec and the pending repair with it.
  lab.spec = null;
  repair.forget();
  answers.dockerd = null;
  health.report("dockerd", true);
  await settle();
  assert.deepEqual(ups, []);
  repair.stop();
});

/** ovs-vswitchd late twice in a row (a loaded host): down; then it answers again. */
async function slowThenBack(health: DaemonHealth, answers: Record<DaemonName, string | null>) {
  answers["ovs-vswitchd"] = "not answering on vswitchd.ctl (did not answer version in 1500 ms)";
  await health.check("ovs-vswitchd");
  await health.check("ovs-vswitchd");
  assert.equal(health.status("ovs-vswitchd").state, "down");
  answers["ovs-vswitchd"] = null;
  await health.check("ovs-vswitchd");
}

test("ovs-vswitchd only slow (it answers again as the same process): no repair, whose up would undo the operator's toggles", async () => {
  const { health, answers, ups, repair, settle } = await rig();
  await slowThenBack(health, answers);
  await settle();
  assert.deepEqual(ups, []);
  repair.stop();
});

test("ovs-vswitchd back as another process (restarted): the lab is repaired", async () => {
  const { health, answers, pids, ups, repair, settle } = await rig();
  pids["ovs-vswitchd"] = 201;
  await slowThenBack(health, answers);
  await settle();
  assert.deepEqual(ups, ["rp"]);
  repair.stop();
});

test("a return whose process cannot be told (no pid file) is taken as a restart", async () => {
  const { health, answers, pids, ups, repair, settle } = await rig();
  pids["ovs-vswitchd"] = null;
  await slowThenBack(health, answers);
  await settle();
  assert.deepEqual(ups, ["rp"]);
  repair.stop();
});
