import { test } from "node:test";
import assert from "node:assert/strict";
import type { LabHost, NetInterface } from "../../lib/contracts/topology";
import { hostNamespaceTarget, underlayTarget } from "./host-capture-target";

const hosts = [{ name: "a", underlay: "10.0.1.1", chassis: "mh-a", tunnels: [], endpoints: ["c1"] }] as LabHost[];

test("a host's underlay id resolves only for a host discovery found, to ul0 in its namespace, filtered inside Geneve", () => {
  assert.deepEqual(underlayTarget("mh", hosts, "a:ul0"), {
    interfaceId: "a:ul0",
    ifname: "ul0",
    netns: "/run/netns/ovshost-mh-a",
    encapsulation: "geneve",
    caveat: "host a's underlay (10.0.1.1): Geneve packets to and from its tunnels, the inner packet decoded",
  });
  assert.equal(underlayTarget("mh", hosts, "b:ul0"), null);
  assert.equal(underlayTarget("mh", hosts, "a:eth0"), null);
});

test("an interface discovery owns by a host is captured in that host's namespace; others are not taken", () => {
  const iface = (owner: string) => ({ id: `${owner}:mh-c1`, owner, ifname: "mh-c1" }) as NetInterface;
  assert.deepEqual(hostNamespaceTarget("mh", hosts, iface("host:a")), { interfaceId: "host:a:mh-c1", ifname: "mh-c1", netns: "/run/netns/ovshost-mh-a" });
  assert.equal(hostNamespaceTarget("mh", hosts, iface("host")), null);
  assert.equal(hostNamespaceTarget("mh", hosts, iface("c1")), null);
  // An endpoint may be called like a host: only "host:<name>" means inside the host.
  assert.equal(hostNamespaceTarget("mh", hosts, iface("a")), null);
});
