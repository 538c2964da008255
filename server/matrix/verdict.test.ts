import { test } from "node:test";
import assert from "node:assert/strict";
import type { SnmpCounters } from "../probes/parse-snmp";
import { attribute, dropVerdict, unexplainedNote, withNote, type ProbeEnd } from "./verdict";

const counters = (tcpCsum: number, outSegs: number, udpCsum = 0, outDatagrams = 0): SnmpCounters => ({
  tcp: { inCsumErrors: tcpCsum, outSegs, retransSegs: 0 },
  udp: { inCsumErrors: udpCsum, outDatagrams },
});
const end = (name: string, before: SnmpCounters | null, after: SnmpCounters | null, shared = false): ProbeEnd => ({ name, shared, before, after });

test("c1>c2 with c1's offload on: c2's counter moved, c2 dropped the SYN", () => {
  const from = end("c1", counters(5, 10), counters(5, 11));
  const to = end("c2", counters(3, 7), counters(4, 7));
  const a = attribute("tcp", from, to);
  assert.deepEqual(a, { kind: "dropped", by: "to", delta: 1 });
  assert.deepEqual(dropVerdict("tcp", "c2", "to", 1), {
    ok: false,
    rttMs: null,
    error: "bad-checksum",
    droppedBy: "c2",
    evidence: { counter: "Tcp InCsumErrors", endpoint: "c2", delta: 1 },
    detail: "c2's kernel dropped the SYN for a bad checksum: Tcp InCsumErrors +1 in its namespace",
  });
});

test("only the responder's offload on: the sender dropped the SYN/ACK (UDP: the echo reply)", () => {
  const tcp = attribute("tcp", end("c1", counters(0, 1), counters(1, 1)), end("c2", counters(0, 0), counters(0, 1)));
  assert.deepEqual(tcp, { kind: "dropped", by: "from", delta: 1 });
  const from = end("c1", counters(0, 0, 4, 2), counters(0, 0, 5, 3));
  const to = end("c2", counters(0, 0, 0, 9), counters(0, 0, 0, 10));
  const udp = attribute("udp", from, to);
  assert.deepEqual(udp, { kind: "dropped", by: "from", delta: 1 });
  assert.equal(dropVerdict("udp", from.name, "from", 1).detail, "c1's kernel dropped the echo reply for a bad checksum: Udp InCsumErrors +1 in its namespace");
});

test("the other protocol's counter is not this probe's evidence", () => {
  assert.deepEqual(attribute("tcp", end("c1", counters(0, 0, 0), counters(0, 1, 7)), end("c2", counters(0, 0), counters(0, 0))), { kind: "none" });
});

test("nothing moved, or a counter could not be read: no attribution", () => {
  assert.deepEqual(attribute("udp", end("c1", counters(1, 1, 1, 1), counters(1, 1, 1, 2)), end("c2", counters(0, 0, 2, 0), counters(0, 0, 2, 0))), { kind: "none" });
  assert.deepEqual(attribute("tcp", end("c1", null, counters(9, 9)), end("c2", counters(0, 0), null)), { kind: "none" });
});

test("the host's shared counter: its move is the probe's only when the other end sent at least as many packets", () => {
  // c1>host with c1's offload on: c1 sent the SYN, the host dropped it.
  const c1 = end("c1", counters(0, 10), counters(0, 11));
  const host = (delta: number) => end("host", counters(600, 5000), counters(600 + delta, 5090), true);
  assert.deepEqual(attribute("tcp", c1, host(1)), { kind: "dropped", by: "to", delta: 1 });
  // Another lab's drop in the same moment: 2 counted, 1 sent.
  assert.deepEqual(attribute("tcp", c1, host(2)), { kind: "unexplained", end: "to", delta: 2, sent: 1 });
  // host>c1, c1 never answered (it sent nothing), yet the root namespace moved: not ours.
  const silent = end("c1", counters(0, 10), counters(0, 10));
  assert.deepEqual(attribute("tcp", end("host", counters(600, 5000), counters(601, 5001), true), silent), { kind: "unexplained", end: "from", delta: 1, sent: 0 });
});

test("a move in an endpoint's own namespace wins over an unexplained move in the shared one", () => {
  const host = end("host", counters(600, 5000), counters(601, 5001), true);
  const c2 = end("c2", counters(3, 0), counters(4, 0));
  assert.deepEqual(attribute("tcp", host, c2), { kind: "dropped", by: "to", delta: 1 });
});

test("the note for an unexplained move, added to the probe's own outcome", () => {
  const from = end("host", counters(600, 0), counters(602, 0), true);
  const to = end("c1", counters(0, 3), counters(0, 4));
  const a = attribute("tcp", from, to);
  assert.equal(a.kind, "unexplained");
  const note = unexplainedNote("tcp", from, to, a as Extract<typeof a, { kind: "unexplained" }>);
  assert.equal(note, "Tcp InCsumErrors +2 in host's namespace (the root one, shared with other labs), but c1 sent 1 packet(s): not attributed");
  assert.deepEqual(withNote({ target: "10.0.0.8", ok: false, rttMs: null, error: "timeout" }, note), { target: "10.0.0.8", ok: false, rttMs: null, error: "timeout", detail: note });
  assert.deepEqual(withNote({ target: "x", ok: false, rttMs: null, error: "timeout", detail: "ETIMEDOUT" }, null).detail, "ETIMEDOUT");
});
