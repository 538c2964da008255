import { test } from "node:test";
import assert from "node:assert/strict";
import { udpProbePayload, unfinishedUdpChecksumPasses } from "./partial-checksum";

const plain = Buffer.from("ovs-lab");

test("the one source port whose unfinished checksum passes, as measured on the seed lab (c1 10.77.198.8 -> c2 10.77.198.7:47007)", () => {
  assert.equal(unfinishedUdpChecksumPasses("10.77.198.8", "10.77.198.7", 21_942, 47_007, plain), true);
  assert.equal(unfinishedUdpChecksumPasses("10.77.198.8", "10.77.198.7", 21_943, 47_007, plain), false);
  // The echo's reply: addresses and ports swapped, same sum.
  assert.equal(unfinishedUdpChecksumPasses("10.77.198.7", "10.77.198.8", 47_007, 21_942, plain), true);
});

test("exactly one source port in 65,535 passes for a given pair and payload", () => {
  let passing = 0;
  for (let port = 1; port <= 0xffff; port++) if (unfinishedUdpChecksumPasses("10.0.0.1", "10.0.0.2", port, 47_007, plain)) passing++;
  assert.equal(passing, 1);
});

test("the probe payload is the plain one unless that would pass unfinished, then a padded one that does not", () => {
  assert.deepEqual(udpProbePayload("10.77.198.8", "10.77.198.7", 21_943, 47_007), plain);
  const padded = udpProbePayload("10.77.198.8", "10.77.198.7", 21_942, 47_007);
  assert.equal(padded.toString(), "ovs-lab.");
  assert.equal(unfinishedUdpChecksumPasses("10.77.198.8", "10.77.198.7", 21_942, 47_007, padded), false);
});
