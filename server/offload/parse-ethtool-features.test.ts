import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseEthtoolFeatures } from "./parse-ethtool-features";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

test("a fresh veth has every checksum and segmentation offload on", () => {
  const f = parseEthtoolFeatures(fixture("ethtool-k-veth.txt"));
  assert.deepEqual(f.tx, { on: true, fixed: false });
  assert.deepEqual(f.rx, { on: true, fixed: false });
  assert.deepEqual(f.tso, { on: true, fixed: false });
  assert.deepEqual(f.gro, { on: false, fixed: false });
  assert.equal(Object.keys(f).length, 6);
});

test("tx off is read as off, and sub-features are not mistaken for top-level ones", () => {
  const f = parseEthtoolFeatures(fixture("ethtool-k-veth-tx-off.txt"));
  assert.equal(f.tx?.on, false);
  assert.equal(f.rx?.on, true);
});

test("the OVS internal tap has rx-checksumming off [fixed]", () => {
  const f = parseEthtoolFeatures(fixture("ethtool-k-ovs-internal.txt"));
  assert.deepEqual(f.rx, { on: false, fixed: true });
});

test("garbage gives no features", () => {
  assert.deepEqual(parseEthtoolFeatures("Cannot get device features: No such device\n"), {});
});
