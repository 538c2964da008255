import { test } from "node:test";
import assert from "node:assert/strict";
import { parseOfctlPorts } from "./parse-ofctl-ports";

// `ovs-ofctl --names dump-ports` on a simulated host's br_int (lab zq), as printed by OVS 3.1.
const NAMED = `OFPST_PORT reply (xid=0x2): 3 ports
  port LOCAL: rx pkts=0, bytes=0, drop=0, errs=0, frame=0, over=0, crc=0
           tx pkts=0, bytes=0, drop=0, errs=0, coll=0
  port  "ovn-zq-b-0": rx pkts=1, bytes=98, drop=?, errs=?, frame=?, over=?, crc=?
           tx pkts=2, bytes=254, drop=?, errs=?, coll=?
  port  "zq-c1": rx pkts=3, bytes=238, drop=0, errs=0, frame=0, over=0, crc=0
           tx pkts=5, bytes=418, drop=0, errs=0, coll=0
`;

test("named ports lose their quotes; unknown counts (?) read as 0", () => {
  assert.deepEqual(parseOfctlPorts(NAMED), [
    { port: "LOCAL", rxPackets: 0, rxDropped: 0, rxErrors: 0, txPackets: 0, txDropped: 0, txErrors: 0 },
    { port: "ovn-zq-b-0", rxPackets: 1, rxDropped: 0, rxErrors: 0, txPackets: 2, txDropped: 0, txErrors: 0 },
    { port: "zq-c1", rxPackets: 3, rxDropped: 0, rxErrors: 0, txPackets: 5, txDropped: 0, txErrors: 0 },
  ]);
});

test("numbered ports (no --names) stay numbers", () => {
  assert.deepEqual(parseOfctlPorts("  port  2: rx pkts=4, bytes=1, drop=1, errs=0, frame=0, over=0, crc=0\n           tx pkts=6, bytes=1, drop=0, errs=2, coll=0\n").map((p) => [p.port, p.rxPackets, p.rxDropped, p.txPackets, p.txErrors]), [["2", 4, 1, 6, 2]]);
});
