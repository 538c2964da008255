import { test } from "node:test";
import assert from "node:assert/strict";
import { buildBpfFilter } from "./bpf-filter";

test("protocols, hosts and ports become tcpdump words", () => {
  assert.deepEqual(buildBpfFilter({}), []);
  assert.equal(buildBpfFilter({ protocols: ["tcp"] }).join(" "), "tcp");
  assert.equal(
    buildBpfFilter({ protocols: ["tcp", "icmp"], hosts: ["10.77.30.8", "10.77.30.7"], withArp: true }).join(" "),
    "( tcp or icmp or arp ) and host 10.77.30.8 and host 10.77.30.7",
  );
  assert.equal(buildBpfFilter({ ports: [47007, 80] }).join(" "), "( port 47007 or port 80 )");
  assert.equal(buildBpfFilter({ protocols: ["udp"], ports: [53], withArp: true }).join(" "), "( udp or arp ) and ( port 53 or arp or icmp )");
});

test("anything that is not a checked part is refused, never passed on", () => {
  assert.throws(() => buildBpfFilter({ hosts: ["10.0.0.1 or 1=1"] }));
  assert.throws(() => buildBpfFilter({ hosts: ["$(reboot)"] }));
  assert.throws(() => buildBpfFilter({ protocols: ["tcp or udp" as "tcp"] }));
  assert.throws(() => buildBpfFilter({ ports: [0] }));
  assert.throws(() => buildBpfFilter({ ports: [1.5] }));
  assert.throws(() => buildBpfFilter({ ports: [70000] }));
});

test("on an underlay the filter applies to the packet inside Geneve", () => {
  assert.deepEqual(buildBpfFilter({ insideGeneve: true }), ["geneve"]);
  assert.deepEqual(buildBpfFilter({ insideGeneve: true, protocols: ["tcp"], hosts: ["10.0.0.8"] }), ["geneve", "and", "tcp", "and", "host", "10.0.0.8"]);
});
