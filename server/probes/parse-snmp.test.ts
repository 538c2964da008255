import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseSnmp, sentCount } from "./parse-snmp";
import { neighbourState } from "./parse-arp";

const snmp = readFileSync(new URL("./fixtures/proc-net-snmp-c2.txt", import.meta.url), "utf8");
const arp = readFileSync(new URL("./fixtures/proc-net-arp-incomplete.txt", import.meta.url), "utf8");

test("/proc/net/snmp as read in a seed container's namespace: the Tcp and Udp checksum and send counters", () => {
  const c = parseSnmp(snmp);
  assert.deepEqual(c, { tcp: { inCsumErrors: 3, outSegs: 36, retransSegs: 25 }, udp: { inCsumErrors: 2, outDatagrams: 10 } });
  assert.equal(sentCount(c!, "tcp"), 61);
  assert.equal(sentCount(c!, "udp"), 10);
});

test("UdpLite's fields of the same names do not shadow Udp's", () => {
  const c = parseSnmp(snmp.replace(/^UdpLite: 0 0 0 0 0 0 0 0 0$/m, "UdpLite: 9 9 9 9 9 9 9 9 9"));
  assert.equal(c?.udp.inCsumErrors, 2);
});

test("a kernel without InCsumErrors, or an empty file, gives no counters", () => {
  assert.equal(parseSnmp(snmp.replace(" InCsumErrors\n", "\n")), null);
  assert.equal(parseSnmp(""), null);
});

test("/proc/net/arp: a resolved neighbour, one ARP never answered, one never asked", () => {
  assert.equal(neighbourState(arp, "10.77.170.7"), "resolved");
  assert.equal(neighbourState(arp, "10.77.170.99"), "incomplete");
  assert.equal(neighbourState(arp, "10.77.170.55"), "absent");
  assert.equal(neighbourState(arp, "10.77.170.1"), "resolved");
});
