import { test } from "node:test";
import assert from "node:assert/strict";
import { ipv4Range, rangesOverlap } from "./ipv4-cidr";

test("a host address with a prefix names its network", () => {
  assert.deepEqual(ipv4Range("192.168.1.5/24"), { first: 0xc0a80100, last: 0xc0a801ff, cidr: "192.168.1.0/24" });
  assert.equal(ipv4Range("10.77.120.1/24")?.cidr, "10.77.120.0/24");
  assert.equal(ipv4Range("172.17.0.1/16")?.cidr, "172.17.0.0/16");
});

test("the top of the address space stays unsigned", () => {
  assert.deepEqual(ipv4Range("255.255.255.255"), { first: 0xffffffff, last: 0xffffffff, cidr: "255.255.255.255/32" });
  assert.deepEqual(ipv4Range("224.0.0.0/4"), { first: 0xe0000000, last: 0xefffffff, cidr: "224.0.0.0/4" });
  assert.deepEqual(ipv4Range("0.0.0.0/0"), { first: 0, last: 0xffffffff, cidr: "0.0.0.0/0" });
});

test("a bare address is a /32", () => {
  assert.equal(ipv4Range("127.0.0.1")?.cidr, "127.0.0.1/32");
});

test("anything that is not IPv4 is null", () => {
  for (const bad of ["default", "fd00::/64", "10.0.0.256/24", "10.0.0.1/33", "10.0.0/24", "10.0.0.1/", "10.0.0.1/24/1", "01.2.3.4"])
    assert.equal(ipv4Range(bad), null, bad);
});

test("ranges overlap when either holds part of the other", () => {
  const r = (c: string) => ipv4Range(c)!;
  assert.ok(rangesOverlap(r("10.77.120.1/24"), r("10.0.0.0/8")));
  assert.ok(rangesOverlap(r("10.0.0.0/8"), r("10.77.120.1/24")));
  assert.ok(rangesOverlap(r("10.77.120.1/24"), r("10.77.120.200")));
  assert.ok(!rangesOverlap(r("10.77.120.1/24"), r("10.77.121.1/24")));
  assert.ok(!rangesOverlap(r("192.0.2.2/24"), r("192.0.3.0/24")));
});
