import { test } from "node:test";
import assert from "node:assert/strict";
import { pendingVariant, type ExperimentRunState, type VariantResult } from "../contracts/experiment";
import { allVariants, countProbe, experimentTable, failingByProtocol, runProgress, savedExperimentTable, tallyKind, tallyText, withVariant } from "./experiment-table";

function row(id: string, over: Partial<VariantResult> = {}): VariantResult {
  const [sw, endpoints, offload] = id.split("/");
  const variant = { id, switch: sw as VariantResult["variant"]["switch"], endpoints: endpoints as "containers", offload: offload === "offload-on" };
  return { ...pendingVariant(variant, "va0", "10.77.70"), ...over };
}

const run = (variants: VariantResult[]): ExperimentRunState => ({ id: "x", protocols: ["icmp", "tcp"], startedAt: "t", finishedAt: null, variants });

test("the seed's table has 20 variants: 5 switches (the last OVN over two hosts) x 2 endpoint kinds x offload on/off, on first", () => {
  const all = allVariants();
  assert.equal(all.length, 20);
  assert.equal(all[0].id, "ovs-dpdk/containers/offload-on");
  assert.equal(all[1].id, "ovs-dpdk/containers/offload-off");
  assert.equal(all[15].id, "ovs-kernel/netns/offload-off");
  assert.equal(all[16].id, "ovn-geneve/containers/offload-on");
  assert.equal(all[19].id, "ovn-geneve/netns/offload-off");
});

test("the table groups by switch and puts each result on its row; rows outside the run have none", () => {
  const table = experimentTable(run([row("ovs-dpdk/containers/offload-on", { status: "done" }), row("ovs-kernel/containers/offload-on", { status: "not-runnable", reason: "no module" })]));
  assert.deepEqual(table.map((g) => g.switch), ["ovs-dpdk", "ovs-userspace", "linux-bridge", "ovs-kernel", "ovn-geneve"]);
  assert.match(table[4].label, /two hosts over OVN\/Geneve/);
  assert.equal(table[0].label, "OVS userspace with DPDK port");
  assert.equal(table[0].rows[0].result?.status, "done");
  assert.equal(table[0].rows[1].result, null);
  assert.equal(table[3].rows[0].result?.reason, "no module");
  assert.equal(experimentTable(null)[1].rows.length, 4);
});

test("a row update replaces that row of its own run only", () => {
  const state = run([row("ovs-dpdk/containers/offload-on"), row("ovs-dpdk/containers/offload-off")]);
  const next = withVariant(state, "x", row("ovs-dpdk/containers/offload-off", { status: "running" }));
  assert.deepEqual(next?.variants.map((v) => v.status), ["pending", "running"]);
  assert.equal(withVariant(state, "other", row("ovs-dpdk/containers/offload-off", { status: "done" })), state);
  assert.deepEqual(runProgress(next), { finished: 0, total: 2 });
});

test("tallies read like the seed's notes: TCP 2/12", () => {
  const r = row("ovs-dpdk/containers/offload-on", { status: "done", tally: { icmp: { ok: 12, total: 12 }, tcp: { ok: 2, total: 12 } } });
  assert.deepEqual(tallyText(r, ["icmp", "tcp", "udp"]), ["ICMP 12/12", "TCP 2/12"]);
  assert.equal(tallyKind(r, "icmp"), "all-ok");
  assert.equal(tallyKind(r, "tcp"), "some-fail");
  assert.equal(tallyKind(r, "udp"), "none");
  assert.deepEqual(runProgress(run([r])), { finished: 1, total: 1 });
});

test("failing pairs are grouped by protocol", () => {
  assert.deepEqual(failingByProtocol(["tcp c1>c2", "tcp c2>c1", "udp c1>c2"]), [
    { protocol: "TCP", pairs: ["c1>c2", "c2>c1"] },
    { protocol: "UDP", pairs: ["c1>c2"] },
  ]);
  assert.deepEqual(failingByProtocol([]), []);
});

test("probe counts are per variant and start again with a new run", () => {
  let c = countProbe(null, "x", "a");
  c = countProbe(c, "x", "a");
  c = countProbe(c, "x", "b");
  assert.deepEqual(c, { experimentId: "x", counts: { a: 2, b: 1 } });
  assert.deepEqual(countProbe(c, "y", "a"), { experimentId: "y", counts: { a: 1 } });
});

test("a saved run's table has only the variants it ran, grouped by switch in the seed's order", () => {
  const saved = savedExperimentTable(run([row("ovs-kernel/containers/offload-on", { status: "not-runnable" }), row("ovs-userspace/netns/offload-off", { status: "done" })]));
  assert.deepEqual(
    saved.map((g) => [g.switch, g.rows.map((r) => r.variant.id)]),
    [["ovs-userspace", ["ovs-userspace/netns/offload-off"]], ["ovs-kernel", ["ovs-kernel/containers/offload-on"]]],
  );
  assert.deepEqual(savedExperimentTable(null), []);
});
