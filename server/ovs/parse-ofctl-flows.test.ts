import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { flowId, parseOfctlFlows, strictFlowSpec } from "./parse-ofctl-flows";

/** Recorded with `ovs-ofctl dump-flows` (OVS 3.1) on a netdev bridge with a planted drop rule and a few others. */
const recorded = readFileSync(new URL("./fixtures/ofctl-dump-flows.txt", import.meta.url), "utf8");

test("every rule of a dump, with table, priority, match, actions, cookie and counters", () => {
  const flows = parseOfctlFlows(recorded);
  assert.equal(flows.length, 6);
  const planted = flows.find((f) => f.cookie === "0x6f76736c6162")!;
  assert.deepEqual({ ...planted, id: undefined }, {
    id: undefined, table: 0, priority: 1000, match: "tcp,nw_src=10.77.199.8,nw_dst=10.77.199.10", actions: "drop", cookie: "0x6f76736c6162", packets: 0, bytes: 0, protected: false,
  });
  assert.equal(planted.id, flowId(0, 1000, "tcp,nw_src=10.77.199.8,nw_dst=10.77.199.10"));
});

test("a rule with no match and the default priority (timeouts before actions=) parses as 32768 and matches everything", () => {
  const flow = parseOfctlFlows(recorded).find((f) => f.priority === 32768)!;
  assert.equal(flow.match, "");
  assert.equal(flow.actions, "drop");
  assert.equal(strictFlowSpec(flow), "table=0,priority=32768");
});

test("actions with commas stay whole; other tables keep their number", () => {
  const flows = parseOfctlFlows(recorded);
  assert.equal(flows.find((f) => f.priority === 7)?.actions, "mod_vlan_vid:5,output:1,output:2");
  const t1 = flows.find((f) => f.table === 1)!;
  assert.equal(strictFlowSpec(t1), "table=1,priority=5,in_port=LOCAL,dl_vlan=10");
});

test("only the bridge's own NORMAL rule is protected; ids are distinct", () => {
  const flows = parseOfctlFlows(recorded);
  assert.deepEqual(flows.filter((f) => f.protected).map((f) => `${f.priority} ${f.actions}`), ["0 NORMAL"]);
  assert.equal(new Set(flows.map((f) => f.id)).size, flows.length);
  assert.deepEqual(parseOfctlFlows("NXST_FLOW reply (xid=0x4):\n"), []);
});
