import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPcap } from "./pcap-reader";
import { describePacket } from "./describe-packet";

// Recorded on host a's underlay (ul0 in its namespace) of a two-host OVN lab, c1 (10.77.226.8, host a) to c3 (10.77.226.9, host b), TCP 5001/5002.
const packetsOf = (name: string) => readPcap(readFileSync(path.join(import.meta.dirname, "fixtures", name))).records.map((r, i) => describePacket(r, "s", i));

test("offload on: the SYN inside Geneve carries only the pseudo-header sum (partial), the outer UDP is correct", () => {
  const [syn] = packetsOf("geneve-offload-on.pcap");
  assert.equal(syn.protocol, "udp");
  assert.deepEqual([syn.src, syn.dst, syn.udp?.dstPort], ["10.77.227.1", "10.77.227.2", 6081]);
  assert.equal(syn.ipChecksum?.verdict, "correct");
  assert.ok(syn.l4Checksum?.verdict === "correct" || syn.l4Checksum?.verdict === "absent", JSON.stringify(syn.l4Checksum));
  assert.equal(syn.geneve?.vni, 3);
  assert.equal(syn.geneve?.optionsLength, 8);
  const inner = syn.geneve?.inner;
  assert.deepEqual([inner?.src, inner?.dst, inner?.protocol, inner?.tcp?.flags, inner?.tcp?.dstPort], ["10.77.226.8", "10.77.226.9", "tcp", ["SYN"], 5001]);
  assert.equal(inner?.ipChecksum?.verdict, "correct");
  assert.equal(inner?.l4Checksum?.verdict, "partial");
  assert.notEqual(inner?.l4Checksum?.expected, inner?.l4Checksum?.value);
  assert.match(syn.summary, /^Geneve vni 3: 10\.77\.226\.8 > 10\.77\.226\.9 SYN \d+ > 5001, inner TCP checksum partial: offload pending$/);
});

test("c1's offload off, c3's on: c1's SYN inside Geneve is correct, c3's SYN/ACK back is partial", () => {
  const packets = packetsOf("geneve-offload-off.pcap");
  assert.equal(packets.length, 2);
  assert.deepEqual(packets.map((p) => p.geneve?.inner?.tcp?.flags.join("/")), ["SYN", "SYN/ACK"]);
  assert.deepEqual(packets.map((p) => p.geneve?.inner?.l4Checksum?.verdict), ["correct", "partial"]);
  assert.deepEqual(packets.map((p) => p.src), ["10.77.227.1", "10.77.227.2"]);
  assert.match(packets[0].summary, /inner TCP checksum correct$/);
  assert.match(packets[1].summary, /SYN\/ACK 5002 > \d+, inner TCP checksum partial: offload pending$/);
});

test("a UDP packet to another port is not taken for Geneve", () => {
  const [udp] = readPcap(readFileSync(path.join(import.meta.dirname, "fixtures", "offload-on-tcp-udp.pcap"))).records
    .map((r, i) => describePacket(r, "s", i))
    .filter((p) => p.protocol === "udp");
  assert.ok(udp);
  assert.equal(udp.geneve, undefined);
});
