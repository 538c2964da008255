import { test } from "node:test";
import assert from "node:assert/strict";
import type { DaemonName } from "../../lib/contracts/daemon-health";
import { seedLabAs } from "./derived-labs";
import { DaemonHealth } from "../host/daemon-health";
import { repairOnDaemonReturn, type Repairable } from "./daemon-recovery";

/** Real health logic over probes the test answers, and a lab that records the ups a repair makes. */
async function rig() {
  const answers: Record<DaemonName, string | null> = { "ovsdb-server": null, "ovs-vswitchd": null, dockerd: null };
  const probe = (d: DaemonName) => async () => answers[d];
  const health = new DaemonHealth({
    probes: { "ovsdb-server": probe("ovsdb-server"), "ovs-vswitchd": probe("ovs-vswitchd"), dockerd: probe("dockerd") },
    endpoints: { "ovsdb-server": "db.sock", "ovs-vswitchd": "vswitchd.ctl", dockerd: "docker.sock" },
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
  return { health, answers, lab, ups, repair, settle };
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
