import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseOfprotoTrace, splitActions } from "./parse-ofproto-trace";

/** Recorded from ovs-vswitchd 3.1 (userspace datapath) on lab px: c1 (10.77.130.8) to c2(10.77.130.7). */
const trace = (name: string) => parseOfprotoTrace(readFileSync(path.join(import.meta.dirname, "fixtures", `ofproto-trace-${name}.txt`), "utf8"));

test("NORMAL to a learned port: one bridge, one rule, sent to one datapath port", () => {
  const t = trace("normal");
  assert.match(t.flow, /^tcp,in_port=2,.*tp_dst=5201,tcp_flags=syn$/);
  assert.deepEqual(t.bridges.map((b) => b.bridge), ["px_br"]);
  assert.deepEqual(t.bridges[0].rules, [{ table: 0, priority: 0, match: "", cookie: "0x0", actions: ["NORMAL"], notes: ["-> forwarding to learned port"] }]);
  assert.deepEqual(t.outputs, [2]);
  assert.equal(t.dropped, false);
  assert.equal(t.finalFlow, null);
  assert.equal(t.dropRule, null);
});

test("an OpenFlow drop rule is named with its match, priority and cookie", () => {
  const t = trace("drop-flow");
  assert.equal(t.dropped, true);
  assert.deepEqual(t.outputs, []);
  assert.deepEqual(t.dropRule, { bridge: "px_br", table: 0, priority: 100, match: "tcp,nw_src=10.77.130.8,nw_dst=10.77.130.7", cookie: "0x77", actions: ["drop"], notes: [] });
});

test("an access port in another VLAN: flooded, but not to it; a tagged sender's VLAN is pushed", () => {
  assert.deepEqual(trace("vlan-other").outputs, [1, 4]);
  const access = trace("vlan-access");
  assert.deepEqual(access.outputs, [1, 4]);
  assert.deepEqual(access.pushedVlans, [10]);
  assert.equal(access.bridges[0].rules[0].notes[0], "-> no learned MAC for destination, flooding");
});

test("a tagged packet on an access port of another VLAN: the switch's own words and the port", () => {
  const t = trace("vlan-tagged-on-access");
  assert.equal(t.dropped, true);
  assert.deepEqual(t.vlanDrop, { vlan: 10, port: "px-c2", text: "dropping VLAN 10 tagged packet received on port px-c2 configured as VLAN 20 access port" });
  assert.equal(t.dropRule, null);
});

test("across a patch port: both bridges in order, and a drop rule on the second", () => {
  assert.deepEqual(trace("patch").bridges.map((b) => b.bridge), ["px_br", "pxb1"]);
  const t = trace("patch-drop");
  assert.equal(t.dropRule?.bridge, "pxb1");
  assert.equal(t.dropRule?.match, "tcp,tp_dst=5201");
  assert.equal(t.dropRule?.priority, 200);
});

test("rules that change the packet: resubmit to another table, output to the patch port, a VLAN refused by a trunk", () => {
  const t = trace("patch-explicit");
  assert.deepEqual(t.bridges[0].rules.map((r) => [r.table, r.priority, r.actions]), [[0, 150, ["mod_vlan_vid:30", "resubmit(,1)"]], [1, 10, ["output:4"]]]);
  assert.match(t.finalFlow ?? "", /dl_vlan=30/);
  assert.equal(t.vlanDrop?.vlan, 30);
  assert.equal(t.vlanDrop?.port, "px-pb");
  assert.match(trace("patch-trunk-mismatch").vlanDrop?.text ?? "", /not configured for trunking VLAN 30/);
});

test("ICMP floods while the MAC is not learned", () => {
  const t = trace("icmp");
  assert.match(t.flow, /^icmp,/);
  assert.deepEqual(t.outputs, [1, 4, 2]);
});

test("datapath actions split outside parentheses; text that is not a trace is refused", () => {
  assert.deepEqual(splitActions("push_vlan(vid=10,pcp=0),1,4"), ["push_vlan(vid=10,pcp=0)", "1", "4"]);
  assert.throws(() => parseOfprotoTrace("Bad openflow flow syntax"), /not ofproto\/trace output/);
});
