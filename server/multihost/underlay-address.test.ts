import { test } from "node:test";
import assert from "node:assert/strict";
import { networkOf } from "./underlay-address";

test("networkOf keeps the prefix and clears the host bits", () => {
  assert.equal(networkOf("10.77.211.5/24"), "10.77.211.0/24");
  assert.equal(networkOf("192.168.7.130/25"), "192.168.7.128/25");
  assert.equal(networkOf("10.1.2.3/32"), "10.1.2.3/32");
  assert.equal(networkOf("10.1.2.3/8"), "10.0.0.0/8");
});
