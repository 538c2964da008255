import { test } from "node:test";
import assert from "node:assert/strict";
import type { Endpoint, NetInterface, Topology } from "../../lib/contracts/topology";
import { targetStillThere } from "./terminal-target";

const endpoint = (name: string, state: Endpoint["state"]): Endpoint => ({ name, kind: name === "host" ? "host" : "container", state, ipv4: null, runtimeName: name, interfaceIds: [] });
const iface = (id: string) => ({ id }) as NetInterface;
const topology = (endpoints: Endpoint[], interfaces: NetInterface[]) => ({ endpoints, interfaces }) as unknown as Topology;

test("an endpoint terminal lasts while its endpoint runs; the host's while the host is in the lab", () => {
  const t = topology([endpoint("c1", "running"), endpoint("c2", "stopped"), endpoint("host", "running")], []);
  assert.equal(targetStillThere(t, { kind: "endpoint", endpoint: "c1" }), true);
  assert.equal(targetStillThere(t, { kind: "endpoint", endpoint: "c2" }), false);
  assert.equal(targetStillThere(t, { kind: "endpoint", endpoint: "c3" }), false);
  assert.equal(targetStillThere(t, { kind: "endpoint", endpoint: "host" }), true);
});

test("a port terminal lasts while discovery still finds its interface", () => {
  const t = topology([], [iface("host:tm-c1")]);
  assert.equal(targetStillThere(t, { kind: "port", interfaceId: "host:tm-c1" }), true);
  assert.equal(targetStillThere(t, { kind: "port", interfaceId: "host:tm-c2" }), false);
});
