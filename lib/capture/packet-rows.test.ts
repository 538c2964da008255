import { test } from "node:test";
import assert from "node:assert/strict";
import type { CapturedPacket } from "../contracts/capture";
import { captureStatusText, packetRow, packetRows, verdictCounts, verdictOf } from "./packet-rows";

function packet(index: number, over: Partial<CapturedPacket> = {}): CapturedPacket {
  return {
    streamId: "s1",
    index,
    time: 1_700_000_000 + index * 0.01,
    length: 74,
    srcMac: "02:00:00:00:00:08",
    dstMac: "02:00:00:00:00:07",
    src: "10.77.19.8",
    dst: "10.77.19.7",
    protocol: "tcp",
    ipLength: 60,
    dontFragment: true,
    summary: "SYN 36747 > 47007",
    tcp: { srcPort: 36747, dstPort: 47007, flags: ["SYN"], seq: 1, ack: 0, payloadLength: 0 },
    ipChecksum: { verdict: "correct", value: 0x1234, expected: 0x1234 },
    l4Checksum: { verdict: "partial", value: 0x1c46, expected: 0x8a1f },
    ...over,
  };
}

test("a partial checksum reads as offload pending, with its value in hex", () => {
  const [row] = packetRows([packet(0)]);
  assert.equal(row.checksum, "0x1c46");
  assert.deepEqual(row.verdict, { kind: "partial", label: "partial: offload pending", hint: "only the pseudo-header sum; the full checksum would be 0x8a1f" });
  assert.equal(row.src, "10.77.19.8:36747");
  assert.equal(row.flags, "SYN");
  assert.equal(row.time, "+0.000");
});

test("an incorrect checksum says what it should be", () => {
  assert.deepEqual(verdictOf({ verdict: "incorrect", value: 0x1c46, expected: 0x8a1f }), { kind: "incorrect", label: "incorrect, expected 0x8a1f" });
  assert.equal(verdictOf({ verdict: "correct", value: 1, expected: 1 }).kind, "correct");
  assert.equal(verdictOf(null).kind, "none");
});

test("a wrong IP header checksum wins over the transport's", () => {
  const [row] = packetRows([packet(0, { ipChecksum: { verdict: "incorrect", value: 0x1, expected: 0xbeef } })]);
  assert.equal(row.checksum, "0x0001");
  assert.equal(row.verdict.label, "IP header incorrect, expected 0xbeef");
});

test("rows follow capture order with times relative to the first packet; ARP and ICMP have their own flags", () => {
  const rows = packetRows([
    packet(2, { protocol: "icmp", tcp: undefined, icmp: { type: 8, code: 0 }, l4Checksum: { verdict: "correct", value: 5, expected: 5 } }),
    packet(0),
    packet(1, { protocol: "arp", tcp: undefined, ipChecksum: null, l4Checksum: null, arp: { op: "request", senderIp: "a", senderMac: "m", targetIp: "b" } }),
  ]);
  assert.deepEqual(rows.map((r) => r.flags), ["SYN", "request", "type 8 code 0"]);
  assert.deepEqual(rows.map((r) => r.time), ["+0.000", "+0.010", "+0.020"]);
  assert.equal(rows[1].checksum, "—");
  assert.deepEqual(verdictCounts(rows), { correct: 1, incorrect: 0, partial: 1, none: 1 });
});

test("the status line says capturing, or why the capture ended", () => {
  const base = { id: "x", interfaceId: "host:e1-c1", filter: "tcp", startedAt: "t", packetCount: 0 };
  assert.equal(captureStatusText(null), "starting…");
  assert.equal(captureStatusText({ ...base, finishedAt: null, endReason: null }), "capturing…");
  assert.equal(captureStatusText({ ...base, finishedAt: "t2", endReason: "max-packets" }), "ended: packet limit reached");
  assert.equal(captureStatusText({ ...base, finishedAt: "t2", endReason: "error", error: "no such device" }), "failed: no such device");
});

test("a Geneve packet is shown as the packet it carries, with the inner checksum verdict", () => {
  const inner = { srcMac: "", dstMac: "", src: "10.0.0.8", dst: "10.0.0.9", protocol: "tcp" as const, summary: "SYN 40000 > 5001", tcp: { srcPort: 40000, dstPort: 5001, flags: ["SYN"], seq: 1, ack: 0, payloadLength: 0 }, ipChecksum: null, l4Checksum: { verdict: "partial" as const, value: 0x1234, expected: 0x5678 } };
  const outer = { streamId: "s", index: 0, time: 1, length: 124, srcMac: "", dstMac: "", src: "10.1.0.1", dst: "10.1.0.2", protocol: "udp" as const, ipLength: 110, dontFragment: true, summary: "Geneve", udp: { srcPort: 3333, dstPort: 6081 }, ipChecksum: null, l4Checksum: null, geneve: { vni: 3, optionsLength: 8, inner } };
  const row = packetRow(outer, 1);
  assert.deepEqual([row.src, row.dst, row.protocol, row.flags, row.checksum], ["10.0.0.8:40000", "10.0.0.9:5001", "GENEVE/TCP", "SYN", "0x1234"]);
  assert.deepEqual([row.verdict.kind, row.verdict.label], ["partial", "inner TCP checksum partial: offload pending"]);
});
