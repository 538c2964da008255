import { test } from "node:test";
import assert from "node:assert/strict";
import { parseNetDev } from "./parse-net-dev";

const SAMPLE = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
  eth0:   13270     145    1    2    0     0          0         0    11634     137    3    4    0     0       0          0
`;

test("parseNetDev reads packets, errors and drops per interface", () => {
  const c = parseNetDev(SAMPLE);
  assert.deepEqual(c.get("eth0"), { rxPackets: 145, rxErrors: 1, rxDropped: 2, txPackets: 137, txErrors: 3, txDropped: 4 });
  assert.equal(c.get("lo")?.rxPackets, 0);
  assert.equal(c.size, 2);
});

test("parseNetDev skips a torn or foreign line", () => {
  assert.equal(parseNetDev("h\nh\n  eth0: 1 2 3\nnonsense\n").size, 0);
});
