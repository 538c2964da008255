import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { seedLabAs } from "./derived-labs";
import { findHostConflicts } from "./host-conflicts";
import { parseHostNetwork, type HostNetwork, type OvsBridgeOwner } from "./parse-host-network";
import type { LabSpec } from "../../lib/lab-spec/schema";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const bridgesFixture = () => JSON.parse(fixture("ovs-bridges-labs.json")) as OvsBridgeOwner[];
/** This machine before any lab: lo, eth0 192.0.2.2/24 with the default route, docker0, two ifb. */
const plainHost = () => parseHostNetwork(fixture("ip-addr-plain.json"), fixture("ip-route-plain.json"), [], []);
/** The same machine with Docker, lab hs (OVS, 10.77.120) and lab hs2 (Linux bridge, 10.77.121) up. */
const labsHost = () =>
  parseHostNetwork(fixture("ip-addr-labs.json"), fixture("ip-route-labs.json"), bridgesFixture(), JSON.parse(fixture("netns-labs.json")) as string[]);

const withBridge = (spec: LabSpec, bridge: Partial<LabSpec["bridge"]>): LabSpec => ({ ...spec, bridge: { ...spec.bridge, ...bridge } });
const fields = (spec: LabSpec, host: HostNetwork) => findHostConflicts(spec, host).map((c) => c.field);

test("a lab on a subnet of its own passes", () => {
  assert.deepEqual(findHostConflicts(seedLabAs("hs", "10.77.120"), plainHost()), []);
  assert.deepEqual(findHostConflicts(seedLabAs("hs3", "10.77.122"), labsHost()), []);
});

test("the host's uplink subnet is refused for the bridge and every endpoint, naming the interface", () => {
  const spec = seedLabAs("hs", "192.0.2");
  const conflicts = findHostConflicts(spec, plainHost());
  assert.deepEqual(conflicts.map((c) => c.field), ["bridge.address", "endpoints.0.address", "endpoints.1.address", "endpoints.2.address"]);
  assert.equal(conflicts[0].message, "192.0.2.1/24 overlaps 192.0.2.0/24 on eth0 (the host's own network); choose another subnet");
});

test("a wider spec prefix that covers the uplink is refused too", () => {
  const spec = withBridge(seedLabAs("hs", "10.77.120"), { address: "192.0.0.1/16" });
  assert.deepEqual(fields(spec, plainHost()), ["bridge.address"]);
});

test("the default route does not count as overlapping everything", () => {
  const host = plainHost();
  assert.ok(host.routes.some((r) => r.dst === "default"));
  assert.deepEqual(findHostConflicts(seedLabAs("hs", "10.77.120"), host), []);
  const explicit: HostNetwork = { ...host, routes: [...host.routes, { dst: "0.0.0.0/0", dev: "eth0", type: "unicast" }] };
  assert.deepEqual(findHostConflicts(seedLabAs("hs", "10.77.120"), explicit), []);
});

test("reserved networks are refused whatever the host has", () => {
  const cases: [string, RegExp][] = [
    ["127.0.0.5/8", /overlaps 127\.0\.0\.0\/8 on lo/],
    ["169.254.10.1/16", /overlaps 169\.254\.0\.0\/16 \(link-local\)/],
    ["224.1.1.1/24", /overlaps 224\.0\.0\.0\/4 \(multicast\)/],
    ["0.1.2.3/24", /overlaps 0\.0\.0\.0\/8 \("this network"\)/],
    ["255.255.255.255/32", /overlaps 255\.255\.255\.255\/32 \(broadcast\)/],
  ];
  for (const [address, message] of cases) {
    const [conflict] = findHostConflicts(withBridge(seedLabAs("hs", "10.77.120"), { address }), plainHost());
    assert.equal(conflict?.field, "bridge.address", address);
    assert.match(conflict.message, message);
  }
});

test("a route of the host counts, with the interface it goes through", () => {
  const host = plainHost();
  host.routes.push({ dst: "10.0.0.0/8", dev: "eth0", type: "unicast" }, { dst: "10.200.0.0/16", dev: null, type: "blackhole" });
  const [first] = findHostConflicts(seedLabAs("hs", "10.77.120"), host);
  assert.equal(first.message, "10.77.120.1/24 overlaps 10.0.0.0/8, routed via eth0 (the host's own network); choose another subnet");
  const [blackhole] = findHostConflicts(seedLabAs("hs", "10.200.3"), { ...host, routes: host.routes.slice(-1) });
  assert.match(blackhole.message, /overlaps 10\.200\.0\.0\/16, a blackhole route \(the host's own network\)/);
});

test("an existing host interface is never taken as the bridge", () => {
  for (const name of ["eth0", "lo", "ifb0"]) {
    const conflicts = findHostConflicts(withBridge(seedLabAs("hs", "10.77.120"), { name }), plainHost());
    assert.deepEqual(conflicts, [
      { field: "bridge.name", message: `"${name}" is an existing host interface that ovs-lab did not create; choose another name` },
    ]);
  }
});

test("docker0 is the host's: its name and its subnet are refused", () => {
  const spec = withBridge(seedLabAs("hs3", "10.77.122"), { name: "docker0", address: "172.17.5.1/24" });
  const conflicts = findHostConflicts(spec, labsHost());
  assert.deepEqual(conflicts.map((c) => c.field), ["bridge.name", "bridge.address"]);
  assert.match(conflicts[1].message, /overlaps 172\.17\.0\.0\/16 on docker0 \(the host's own network\)/);
});

test("the same lab brought up again passes: its own bridge, veths and routes do not count", () => {
  const host = labsHost();
  assert.equal(host.interfaces.find((i) => i.name === "hs_br")?.labId, "hs");
  assert.deepEqual(findHostConflicts(seedLabAs("hs", "10.77.120"), host), []);
  assert.deepEqual(findHostConflicts(withBridge(seedLabAs("hs2", "10.77.121"), { name: "hs2_br" }), host), []);
});

test("another lab's subnet is refused, naming the lab", () => {
  const conflicts = findHostConflicts(seedLabAs("hs3", "10.77.120"), labsHost());
  assert.deepEqual(conflicts.map((c) => c.field), ["bridge.address", "endpoints.0.address", "endpoints.1.address", "endpoints.2.address"]);
  assert.equal(conflicts[0].message, "10.77.120.1/24 overlaps 10.77.120.0/24 on hs_br (lab hs's); bring lab hs down or choose another subnet");
});

test("another lab's Linux bridge is refused as a name; an OVS bridge is left to the OVSDB check (409)", () => {
  const host = labsHost();
  const linux = findHostConflicts(withBridge(seedLabAs("hs3", "10.77.122"), { name: "hs2_br" }), host);
  assert.deepEqual(linux, [{ field: "bridge.name", message: '"hs2_br" is an interface of lab hs2; bring that lab down first or choose another name' }]);
  assert.deepEqual(findHostConflicts(withBridge(seedLabAs("hs3", "10.77.122"), { name: "hs_br" }), host), []);
});

test("an endpoint whose veth name is taken by a host interface is refused", () => {
  const host = plainHost();
  host.interfaces.push({ name: "hs-c1", ipv4: [], labId: null, ovsBridge: false });
  assert.deepEqual(findHostConflicts(seedLabAs("hs", "10.77.120"), host), [
    { field: "endpoints.0.name", message: 'its veth "hs-c1" is an existing host interface that ovs-lab did not create; choose another name' },
  ]);
});
