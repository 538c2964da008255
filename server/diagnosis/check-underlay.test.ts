import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPcap } from "../capture/pcap-reader";
import { describePacket } from "../capture/describe-packet";
import { underlayEvidence } from "./check-underlay";
import type { PathFacts } from "./path-facts";

const observe = (name: string) => ({
  captureId: "u",
  interfaceId: "a:ul0",
  label: "host a's underlay (a:ul0)",
  packets: readPcap(readFileSync(path.join(import.meta.dirname, "../capture/fixtures", name))).records.map((r, i) => describePacket(r, "u", i)),
});
const end = (name: string, ipv4: string) => ({ name, ipv4, inner: null, port: null, portLabel: name });
const path1to3 = { from: end("c1", "10.77.226.8"), to: end("c3", "10.77.226.9"), bridge: null, host: { bridgeNetfilter: null, ovsVersion: null, userspaceTso: null } } as unknown as PathFacts;

test("offload on: the underlay shows c1's SYN inside Geneve with a partial inner checksum", () => {
  const line = underlayEvidence(path1to3, observe("geneve-offload-on.pcap"));
  assert.match(line, /^host a's underlay \(a:ul0\): #0 Geneve vni 3 10\.77\.227\.1 > 10\.77\.227\.2 carrying 10\.77\.226\.8 > 10\.77\.226\.9 SYN \d+ > 5001, inner TCP checksum 0x[0-9a-f]{4} \(partial: offload pending; should be 0x[0-9a-f]{4}\): the tunnel carried c1's unfinished checksum/);
});

test("offload off on c1: the SYN crossed with a correct inner checksum (c3's partial SYN/ACK is the other direction)", () => {
  assert.match(underlayEvidence(path1to3, observe("geneve-offload-off.pcap")), /SYN \d+ > 5002, inner TCP checksum 0x[0-9a-f]{4} \(correct\)$/);
});

test("nothing between the two ends on the underlay is said so", () => {
  const reversed = { ...path1to3, from: path1to3.to, to: path1to3.from } as PathFacts;
  assert.match(underlayEvidence(reversed, { ...observe("geneve-offload-on.pcap") }), /no Geneve packet carried c3's packets to c1 \(2 packet\(s\) seen\)/);
});
