import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseSnmp, sentCount } from "./parse-snmp";
import { neighbourState, resolvedNeighbours } from "./parse-arp";

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
  assert.deepEqual([...resolvedNeighbours(arp)].sort(), ["10.77.170.1", "10.77.170.10", "10.77.170.7"], "the whole table in one pass: the resolved ones only");
});

/** The file as a person reads it: split on whitespace, field by name. */
function naive(text: string, prefix: string, field: string): number {
  const lines = text.split("\n").filter((l) => l.startsWith(prefix));
  const names = lines[0].split(/\s+/);
  return Number(lines[1].split(/\s+/)[names.indexOf(field)]);
}

test("reads what a person reads: this machine's own file, large and negative values, a values line cut short", () => {
  for (const text of [snmp, readFileSync("/proc/self/net/snmp", "latin1")]) {
    const c = parseSnmp(text)!;
    assert.deepEqual(c, {
      tcp: { inCsumErrors: naive(text, "Tcp:", "InCsumErrors"), outSegs: naive(text, "Tcp:", "OutSegs"), retransSegs: naive(text, "Tcp:", "RetransSegs") },
      udp: { inCsumErrors: naive(text, "Udp:", "InCsumErrors"), outDatagrams: naive(text, "Udp:", "OutDatagrams") },
    });
  }
  // Tcp's MaxConn is -1; OutSegs past 2^32 on a busy host.
  const big = snmp.replace(/^(Tcp: \d+ \d+ \d+ -1 \d+ \d+ \d+ \d+ \d+ \d+) 36 /m, "$1 9007199254 ");
  assert.notEqual(big, snmp, "the fixture's Tcp line as expected");
  assert.equal(parseSnmp(big)?.tcp.outSegs, 9007199254);
  const cut = snmp.replace(/^(Udp: \d+ \d+ \d+).*$/m, "$1");
  assert.equal(parseSnmp(cut), null, "a values line without the wanted fields");
});
