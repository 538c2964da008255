import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { geneveHeaderOf, parseOvnTrace } from "./parse-ovn-trace";
import { parseOfprotoTrace } from "../ovs/parse-ofproto-trace";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

test("ovn-trace of c1 -> c3 TCP (recorded): the switch's ingress then egress pipeline, output to c3's logical port", () => {
  const t = parseOvnTrace(fixture("ovn-trace-c1-c3-tcp.txt"));
  assert.match(t.flow, /^tcp,reg14=0x2,.*nw_src=10\.77\.226\.8,nw_dst=10\.77\.226\.9/);
  assert.deepEqual(t.pipelines.map((p) => [p.direction, p.datapath, p.inport, p.outport]), [
    ["ingress", "ovslab-mhd", "mhd-c1", null],
    ["egress", "ovslab-mhd", "mhd-c1", "mhd-c3"],
  ]);
  assert.deepEqual(t.pipelines[0].stages.map((s) => [s.table, s.stage, s.priority]), [[0, "ls_in_check_port_sec", 50], [25, "ls_in_l2_lkup", 50]]);
  assert.deepEqual(t.pipelines[0].stages[1].actions, ['outport = "mhd-c3";', "output;"]);
  assert.equal(t.pipelines[0].stages[1].match, "eth.dst == b6:44:69:e8:50:fc");
  assert.deepEqual(t.pipelines[1].stages.map((s) => s.stage), ["ls_out_check_port_sec", "ls_out_apply_port_sec"]);
  assert.equal(t.outputTo, "mhd-c3");
});

test("the sender's br_int trace ends in a Geneve push whose header gives the receiver's trace its tunnel fields", () => {
  const a = parseOfprotoTrace(fixture("ofproto-trace-host-a-c1-c3.txt"));
  assert.equal(a.bridges[0].bridge, "br_int");
  assert.deepEqual(geneveHeaderOf(a.datapathActions), { src: "10.77.227.1", dst: "10.77.227.2", vni: "0x3", metadata: "0x20003" });
  const b = parseOfprotoTrace(fixture("ofproto-trace-host-b-from-tunnel.txt"));
  assert.equal(b.datapathActions, "5");
  assert.equal(geneveHeaderOf(b.datapathActions), null);
});
