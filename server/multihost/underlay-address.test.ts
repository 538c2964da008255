import { test } from "node:test";
import assert from "node:assert/strict";
import { managementAddress, networkOf } from "./underlay-address";

test("networkOf keeps the prefix and clears the host bits", () => {
  assert.equal(networkOf("10.77.211.5/24"), "10.77.211.0/24");
  assert.equal(networkOf("192.168.7.130/25"), "192.168.7.128/25");
  assert.equal(networkOf("10.1.2.3/32"), "10.1.2.3/32");
  assert.equal(networkOf("10.1.2.3/8"), "10.0.0.0/8");
});

test("the management address is the highest free one of the underlay network, with its prefix", () => {
  assert.equal(managementAddress(["10.77.211.1/24", "10.77.211.2/24"]), "10.77.211.254/24");
  assert.equal(managementAddress(["10.77.211.254/24", "10.77.211.1/24"]), "10.77.211.253/24");
  assert.equal(managementAddress(["192.168.7.129/25"]), "192.168.7.254/25");
  assert.equal(managementAddress(["172.16.0.1/16"]), "172.16.255.254/16");
  assert.throws(() => managementAddress(["10.1.2.1/30", "10.1.2.2/30"]), /10\.1\.2\.0\/30 has no address left/);
});
