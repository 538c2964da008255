import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPcap } from "./pcap-reader";
import { describePacket } from "./describe-packet";

/** Fixtures: tcpdump -w on a real lab's bridge port (host:<lab>-c1), OVS 3.1 userspace + Docker. */
const packets = (name: string) =>
  readPcap(readFileSync(path.join(import.meta.dirname, "fixtures", name))).records.map((r, i) => describePacket(r, "t", i));
const hex = (n: number | null | undefined) => `0x${(n ?? -1).toString(16).padStart(4, "0")}`;

test("offload off on both ends: every IPv4, TCP, UDP and ICMP checksum is correct", () => {
  const all = packets("offload-off-all.pcap");
  assert.deepEqual(new Set(all.map((p) => p.protocol)), new Set(["tcp", "udp", "icmp"]));
  for (const p of all) {
    assert.equal(p.ipChecksum?.verdict, "correct", `${p.index} ${p.summary}`);
    assert.equal(p.l4Checksum?.verdict, "correct", `${p.index} ${p.summary}`);
  }
  // tcpdump -v printed "cksum 0x597f (correct)" and "cksum 0x1ebf (correct)" for these two.
  assert.equal(all[0].summary, "SYN 39075 > 47007");
  assert.equal(hex(all[0].l4Checksum?.value), "0x597f");
  assert.equal(all[1].summary, "SYN/ACK 47007 > 39075");
  assert.equal(hex(all[1].l4Checksum?.value), "0x1ebf");
});

test("the seed's evidence: c2's SYN/ACK carries only the pseudo-header sum, the same value as a partial SYN", () => {
  const [syn, synAck, udpOut, udpBack] = packets("synack-partial.pcap");
  assert.equal(syn.l4Checksum?.verdict, "correct");
  assert.equal(synAck.summary, "SYN/ACK 47007 > 36747");
  // tcpdump -vv: "cksum 0x50d7 (incorrect -> 0x8572)"
  assert.deepEqual([synAck.l4Checksum?.verdict, hex(synAck.l4Checksum?.value), hex(synAck.l4Checksum?.expected)], ["partial", "0x50d7", "0x8572"]);
  assert.equal(synAck.ipChecksum?.verdict, "correct");
  assert.equal(udpOut.l4Checksum?.verdict, "correct");
  // tcpdump -vv: "bad udp cksum 0x50c9 -> 0x9555!"
  assert.deepEqual([udpBack.l4Checksum?.verdict, hex(udpBack.l4Checksum?.value), hex(udpBack.l4Checksum?.expected)], ["partial", "0x50c9", "0x9555"]);
  const partialSyn = packets("offload-on-tcp-udp.pcap").find((p) => p.tcp?.flags.includes("SYN"));
  assert.equal(hex(partialSyn?.l4Checksum?.value), "0x50d7");
});

test("ARP frames are decoded and carry no checksum", () => {
  const [who, reply] = packets("offload-on-tcp-udp.pcap");
  assert.equal(who.summary, "ARP who-has 10.77.30.7 tell 10.77.30.8");
  assert.equal(reply.arp?.op, "reply");
  assert.equal(reply.l4Checksum, null);
});

test("a flipped byte is incorrect, not partial, and the right value is given", () => {
  const [syn, ping] = packets("corrupted.pcap");
  // tcpdump -vv: "cksum 0x597f (incorrect -> 0x587f)"
  assert.deepEqual([syn.l4Checksum?.verdict, hex(syn.l4Checksum?.expected)], ["incorrect", "0x587f"]);
  assert.equal(syn.ipChecksum?.verdict, "correct");
  // tcpdump -vv: "bad cksum 61d7 (->60d7)!"
  assert.deepEqual([ping.ipChecksum?.verdict, hex(ping.ipChecksum?.value), hex(ping.ipChecksum?.expected)], ["incorrect", "0x61d7", "0x60d7"]);
  assert.equal(ping.l4Checksum?.verdict, "correct");
});

test("a packet cut short by the snap length cannot be verified and says so", () => {
  const { records } = readPcap(readFileSync(path.join(import.meta.dirname, "fixtures", "offload-off-all.pcap")));
  const ping = records[4];
  const cut = describePacket({ ...ping, data: ping.data.subarray(0, 60) }, "t", 0);
  assert.equal(cut.l4Checksum?.verdict, "unverifiable");
  assert.equal(cut.ipChecksum?.verdict, "correct");
});
