import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LINKTYPE_ETHERNET, PcapStreamReader, parsePcapHeader, readPcap } from "./pcap-reader";
import { writePcap } from "./pcap-writer";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name));

test("reads a pcap file tcpdump -w wrote on a real lab", () => {
  const { header, records } = readPcap(fixture("synack-partial.pcap"));
  assert.equal(header.linkType, LINKTYPE_ETHERNET);
  assert.equal(header.snaplen, 256);
  assert.equal(records.length, 4);
  assert.equal(records[0].data.length, 74);
  assert.equal(records[0].origLength, 74);
  assert.ok(records[0].time > 1.7e9 && records[1].time >= records[0].time);
});

test("a stream fed one byte at a time gives the same records as the whole file", () => {
  const bytes = fixture("offload-off-all.pcap");
  const reader = new PcapStreamReader();
  const streamed = [];
  for (const b of bytes) streamed.push(...reader.push(Uint8Array.of(b)));
  const whole = readPcap(bytes).records;
  assert.equal(streamed.length, 14);
  assert.deepEqual(streamed.map((r) => Buffer.from(r.data).toString("hex")), whole.map((r) => Buffer.from(r.data).toString("hex")));
});

test("written and read back, records stay byte for byte the same", () => {
  const { records } = readPcap(fixture("offload-on-tcp-udp.pcap"));
  const again = readPcap(writePcap(records)).records;
  assert.deepEqual(again.map((r) => [r.origLength, Buffer.from(r.data).toString("hex")]), records.map((r) => [r.origLength, Buffer.from(r.data).toString("hex")]));
  assert.ok(Math.abs(again[1].time - records[1].time) < 1e-6);
});

test("pcapng and garbage are refused with a reason", () => {
  assert.throws(() => parsePcapHeader(Buffer.alloc(24)), /not a pcap file/);
  assert.throws(() => parsePcapHeader(Buffer.from([0x0a, 0x0d, 0x0d, 0x0a, ...Buffer.alloc(20)])), /pcapng/);
  assert.throws(() => parsePcapHeader(Buffer.alloc(3)), /24 bytes/);
});

test("a record that claims more than 256 KiB is a corrupt stream", () => {
  const head = fixture("synack-partial.pcap").subarray(0, 24);
  const bad = Buffer.concat([head, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0x10, 0])]);
  assert.throws(() => new PcapStreamReader().push(bad), /corrupt/);
});
