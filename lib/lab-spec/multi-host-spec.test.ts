import { test } from "node:test";
import assert from "node:assert/strict";
import { describeZodError, labSpecSchema, MULTI_HOST_BRIDGE } from "./schema";
import { labSpecToYaml } from "../lab-editor/lab-yaml";
import { parse } from "yaml";

const hosts = [
  { name: "a", underlay: "10.9.1.1/24" },
  { name: "b", underlay: "10.9.1.2/24" },
];
const spec = (extra: Record<string, unknown> = {}, endpoint: Record<string, unknown> = {}) => ({
  id: "mh",
  hosts,
  endpoints: [
    { name: "c1", kind: "container", host: "a", address: "10.9.2.8/24" },
    { name: "c2", kind: "container", host: "b", address: "10.9.2.7/24", ...endpoint },
  ],
  ...extra,
});
const errorsOf = (input: unknown) => {
  const r = labSpecSchema.safeParse(input);
  return r.success ? "" : describeZodError(r.error);
};

test("a spec with hosts parses as one OVN switch: its bridge is br_int, each host netdev by default", () => {
  const s = labSpecSchema.parse(spec());
  assert.equal(s.bridge.name, MULTI_HOST_BRIDGE.name);
  assert.deepEqual(s.hosts?.map((h) => [h.name, h.datapath]), [["a", "netdev"], ["b", "netdev"]]);
  assert.deepEqual(s.endpoints.map((e) => e.host), ["a", "b"]);
});

test("a multi-host spec refuses what one host's bridges do, naming the field", () => {
  assert.match(errorsOf(spec({ bridges: [{ name: "br0" }] })), /^bridges: a multi-host lab is one OVN logical switch/);
  assert.match(errorsOf(spec({ bridges: [{ name: "br_int", flows: ["priority=9,actions=drop"] }] })), /bridges\.0\.flows: `flows` are not available/);
  assert.match(errorsOf(spec({ links: [{ between: ["x", "y"] }] })), /links: a multi-host lab has no patch links/);
  assert.match(errorsOf(spec({}, { vlan: 10 })), /endpoints\.1\.vlan: `vlan` is not available in a multi-host lab/);
  assert.match(errorsOf(spec({}, { trunks: [10] })), /endpoints\.1\.trunks:/);
  assert.match(errorsOf(spec({}, { host: "z" })), /endpoints\.1\.host: no host "z" in this lab; hosts: a, b/);
  assert.match(errorsOf(spec({}, { host: undefined })), /endpoints\.1\.host: every endpoint of a multi-host lab names its host/);
  assert.match(errorsOf(spec({ hosts: [hosts[0], { name: "b", underlay: "10.9.1.1/24" }] })), /hosts\.1\.underlay: 10\.9\.1\.1 is used twice/);
  assert.match(errorsOf(spec({ hosts: [hosts[0], { name: "b", underlay: "10.9.1.2/24", datapath: "system" }] })), /hosts\.1\.datapath: only the userspace datapath/);
  assert.match(errorsOf(spec({}, { attach: { via: "dpdk", port: "dpdk0" } })), /endpoints\.1\.attach: a DPDK port needs its host to run the DPDK build: set `dpdk: true` on host "b"/);
  assert.equal(errorsOf(spec({ hosts: [hosts[0], { ...hosts[1], dpdk: true }] }, { attach: { via: "dpdk", port: "dpdk0" } })), "");
  // mtu and offload stay.
  assert.equal(errorsOf(spec({}, { mtu: 1400, offload: { tx: false } })), "");
});

test("an endpoint's host needs hosts; a spec without hosts is unchanged", () => {
  const single = { id: "sh", bridge: { name: "br0" }, endpoints: [{ name: "c1", kind: "container", address: "10.9.3.8/24", host: "a" }] };
  assert.match(errorsOf(single), /endpoints\.0\.host: `host` needs a multi-host lab/);
  const { host: _h, ...plain } = single.endpoints[0];
  assert.equal(labSpecSchema.parse({ ...single, endpoints: [plain] }).hosts, undefined);
});

test("a multi-host spec written as YAML parses back to itself", () => {
  const s = labSpecSchema.parse(spec({}, { mtu: 1400 }));
  const text = labSpecToYaml(s);
  assert.match(text, /^hosts:/m);
  assert.doesNotMatch(text, /^bridges:/m);
  assert.deepEqual(labSpecSchema.parse(parse(text)), { ...s, version: 2 });
});

test("endpoints in two networks need a router with a gateway in each; the router checks its gateways and endpoints", () => {
  assert.match(errorsOf(spec({}, { address: "10.9.3.7/24" })), /endpoints\.1\.address: 10\.9\.3\.7\/24 is not in 10\.9\.2\.0\/24 like c1: .*need a `router` with a gateway in each/);
  const routed = labSpecSchema.parse(spec({ router: { gateways: ["10.9.2.1/24", "10.9.3.1/24"] } }, { address: "10.9.3.7/24" }));
  assert.deepEqual(routed.router?.gateways, ["10.9.2.1/24", "10.9.3.1/24"]);
  assert.match(errorsOf(spec({ router: { gateways: ["10.9.2.1/24", "10.9.3.1/24"] } }, { address: "10.9.4.7/24" })), /endpoints\.1\.address: 10\.9\.4\.7\/24 is in none of the router's networks \(10\.9\.2\.0\/24, 10\.9\.3\.0\/24\)/);
  assert.match(errorsOf(spec({ router: { gateways: ["10.9.2.1/24", "10.9.2.254/24"] } })), /router\.gateways\.1: 10\.9\.2\.254\/24 is in a network another gateway already has/);
  assert.match(errorsOf(spec({ router: { gateways: ["10.9.2.8/24", "10.9.3.1/24"] } })), /endpoints\.0\.address: 10\.9\.2\.8 is a gateway of the router/);
  assert.match(errorsOf(spec({ router: { gateways: ["10.9.2.1/24"] } })), /router\.gateways: a router joins two networks or more/);
  const { hosts: _h, ...oneHost } = spec({ router: { gateways: ["10.9.2.1/24", "10.9.3.1/24"] } });
  assert.match(errorsOf({ ...oneHost, bridge: { name: "br1" }, endpoints: oneHost.endpoints.map(({ host: _x, ...e }) => e) }), /router: a logical router joins the networks of a multi-host \(OVN\) lab/);
  // Written as YAML and read back, the router is kept.
  assert.deepEqual(labSpecSchema.parse(parse(labSpecToYaml(routed))), { ...routed, version: 2 });
});

test("hosts reached over TCP share one underlay network with an address to spare for this machine", () => {
  const tcpHosts = (a: string, b: string) => [{ name: "a", underlay: a, ovsdb: "tcp" }, { name: "b", underlay: b, ovsdb: "tcp" }];
  assert.equal(errorsOf(spec({ hosts: tcpHosts("10.9.1.1/24", "10.9.1.2/24") })), "");
  assert.match(errorsOf(spec({ hosts: tcpHosts("10.9.1.1/24", "10.9.5.2/24") })), /hosts\.1\.underlay: 10\.9\.5\.2\/24 is not in 10\.9\.1\.0\/24 like host a/);
  assert.match(errorsOf(spec({ hosts: tcpHosts("10.9.1.1/30", "10.9.1.2/30") })), /hosts\.0\.underlay: 10\.9\.1\.0\/30 has no address left for this machine .*use a shorter prefix/);
  // Reached by their unix sockets, the same hosts need nothing of the kind.
  assert.equal(errorsOf(spec({ hosts: [{ name: "a", underlay: "10.9.1.1/30" }, { name: "b", underlay: "10.9.1.2/30" }] })), "");
});
