import { test } from "node:test";
import assert from "node:assert/strict";
import { ovsMap, ovsOptional, ovsSet, ovsUuids } from "./ovsdb-values";

test("RFC 7047 sets, maps, uuids and optional columns decode", () => {
  assert.deepEqual(ovsSet(["set", [1, 2]]), [1, 2]);
  assert.deepEqual(ovsSet("netdev"), ["netdev"]);
  assert.deepEqual(ovsMap(["map", [["dpdk-devargs", "net_af_packet0,iface=x"]]]), { "dpdk-devargs": "net_af_packet0,iface=x" });
  assert.deepEqual(ovsMap("nope"), {});
  assert.deepEqual(ovsUuids(["set", [["uuid", "a"], ["uuid", "b"]]]), ["a", "b"]);
  assert.deepEqual(ovsUuids(["uuid", "c"]), ["c"]);
  assert.equal(ovsOptional(["set", []]), null);
  assert.equal(ovsOptional(3), 3);
});
