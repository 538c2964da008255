import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseHostNetwork, type OvsBridgeOwner } from "./parse-host-network";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
/** Recorded with lab hs up (OVS, 10.77.120) and lab hs2's Linux bridge (alias ovs-lab:hs2, 10.77.121). */
const labs = () =>
  parseHostNetwork(
    fixture("ip-addr-labs.json"),
    fixture("ip-route-labs.json"),
    JSON.parse(fixture("ovs-bridges-labs.json")) as OvsBridgeOwner[],
    JSON.parse(fixture("netns-labs.json")) as string[],
  );

test("a plain host: its interfaces are its own, with their IPv4 addresses", () => {
  const host = parseHostNetwork(fixture("ip-addr-plain.json"), fixture("ip-route-plain.json"), [], []);
  assert.deepEqual(
    host.interfaces.map((i) => [i.name, i.ipv4, i.labId, i.ovsBridge]),
    [
      ["lo", ["127.0.0.1/8"], null, false],
      ["ifb0", [], null, false],
      ["ifb1", [], null, false],
      ["eth0", ["192.0.2.2/24"], null, false],
      ["docker0", ["172.17.0.1/16"], null, false],
    ],
  );
  assert.deepEqual(host.routes[0], { dst: "default", dev: "eth0", type: "unicast" });
  assert.ok(host.routes.some((r) => r.dst === "127.0.0.0/8" && r.type === "local"));
});

test("lab objects are found by OVSDB tag, OVS port, Linux bridge alias and <labId>- name", () => {
  const owner = new Map(labs().interfaces.map((i) => [i.name, i.labId]));
  assert.equal(owner.get("hs_br"), "hs");
  assert.equal(owner.get("hs-c1"), "hs");
  // Not an OVS port (the DPDK port reads it through af_packet): known by its name, lab hs being known.
  assert.equal(owner.get("hs-server"), "hs");
  assert.equal(owner.get("hs2_br"), "hs2");
  for (const own of ["lo", "eth0", "docker0", "ovs-netdev"]) assert.equal(owner.get(own), null, own);
});

test("OVS bridges are marked whoever owns them", () => {
  const host = labs();
  assert.deepEqual(host.interfaces.filter((i) => i.ovsBridge).map((i) => i.name), ["hs_br"]);
  assert.deepEqual(host.interfaces.find((i) => i.name === "hs_br")?.ipv4, ["10.77.120.1/24"]);
});

test("a <name>-<suffix> interface of an id no lab uses stays the host's", () => {
  const host = parseHostNetwork(fixture("ip-addr-labs.json"), fixture("ip-route-labs.json"), [], []);
  assert.equal(host.interfaces.find((i) => i.name === "hs-server")?.labId, null);
  assert.equal(host.interfaces.find((i) => i.name === "hs2_br")?.labId, "hs2");
});

test("routes keep their device and type; empty output is an empty host", () => {
  const routes = labs().routes;
  assert.ok(routes.some((r) => r.dst === "10.77.120.0/24" && r.dev === "hs_br"));
  assert.ok(routes.some((r) => r.dst === "172.17.0.0/16" && r.dev === "docker0"));
  assert.deepEqual(parseHostNetwork("", "", [], []), { interfaces: [], routes: [] });
});
