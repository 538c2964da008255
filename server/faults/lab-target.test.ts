import { test } from "node:test";
import assert from "node:assert/strict";
import { seedTopology } from "../../lib/topology/fixtures/seed-topology";
import type { EndpointRuntime } from "../discovery/discover-lab";
import { endpointOf, labTargetOf, ownNamespaceOf } from "./lab-target";

const runtimes: EndpointRuntime[] = [
  { name: "host", netns: null, netnsInode: null, ipv4: "10.77.10.1" },
  { name: "c1", netns: "/proc/101/ns/net", netnsInode: 1, ipv4: "10.77.10.8" },
  { name: "c2", netns: "/proc/102/ns/net", netnsInode: 2, ipv4: "10.77.10.7" },
  { name: "server", netns: "/run/netns/ovslab-u1-server", netnsInode: 3, ipv4: "10.77.10.10" },
];

test("from a discovered seed lab: each running endpoint's namespace, interface, veth end and bridge port", () => {
  const lab = labTargetOf({ topology: seedTopology, runtimes });
  assert.equal(lab.labId, "u1");
  assert.equal(lab.bridge, "u1_br");
  assert.deepEqual(lab.endpoints, [
    { name: "host", kind: "host", netns: null, ifname: "u1_br", hostEnd: null, port: "u1_br" },
    { name: "c1", kind: "container", netns: "/proc/101/ns/net", ifname: "eth0", hostEnd: "u1-c1", port: "u1-c1" },
    { name: "c2", kind: "container", netns: "/proc/102/ns/net", ifname: "eth0", hostEnd: "u1-c2", port: "u1-c2" },
    { name: "server", kind: "netns", netns: "/run/netns/ovslab-u1-server", ifname: "eth0", hostEnd: "u1-server", port: "u1_dpdk0" },
  ]);
});

test("a stopped endpoint is not a target; unknown names and the host's own namespace are refused with what to do", () => {
  const lab = labTargetOf({ topology: seedTopology, runtimes: runtimes.filter((r) => r.name !== "c2") });
  assert.deepEqual(lab.endpoints.map((e) => e.name), ["host", "c1", "server"]);
  assert.throws(() => endpointOf(lab, "c2"), /no running endpoint "c2" in lab u1; running: host, c1, server/);
  assert.throws(() => ownNamespaceOf(endpointOf(lab, "host")), /"host" is this machine's own namespace/);
});
