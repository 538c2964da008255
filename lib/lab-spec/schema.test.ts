import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describeZodError, labSpecSchema } from "./schema";
import { retargetSpec } from "./retarget";

const seedDoc = () => parse(readFileSync(new URL("../../labs/seed.yaml", import.meta.url), "utf8"));
const problems = (doc: unknown) => {
  const r = labSpecSchema.safeParse(doc);
  return r.success ? "" : describeZodError(r.error);
};

test("the seed template is valid and says what the write-up says", () => {
  const spec = labSpecSchema.parse(seedDoc());
  assert.equal(spec.bridge.name, "ovs_br");
  assert.equal(spec.bridge.datapath, "netdev");
  assert.deepEqual(spec.endpoints.map((e) => [e.name, e.address]), [["c1", "10.55.66.8/24"], ["c2", "10.55.66.7/24"], ["server", "10.55.66.10/24"]]);
  assert.deepEqual(spec.endpoints[2].attach, { via: "dpdk", port: "dpdk0" });
  assert.deepEqual(spec.endpoints[2].offload, { tx: false });
  assert.deepEqual(spec.endpoints[0].attach, { via: "veth" });
});

test("each bad field is named with what it should be", () => {
  const doc = seedDoc();
  doc.endpoints[0].address = "10.55.66.800/24";
  doc.endpoints[1].name = "C2!";
  assert.match(problems(doc), /endpoints\.0\.address: an IPv4 address with prefix/);
  assert.match(problems(doc), /endpoints\.1\.name: a lower-case letter/);
});

test("duplicate names and addresses, and the reserved name host, are refused", () => {
  const doc = seedDoc();
  doc.endpoints[1].name = "c1";
  doc.endpoints[2].address = "10.55.66.1/24";
  doc.endpoints.push({ name: "host", kind: "netns", address: "10.55.66.99/24" });
  const text = problems(doc);
  assert.match(text, /"c1" is used twice/);
  assert.match(text, /10\.55\.66\.1 is used twice/);
  assert.match(text, /"host" is the bridge's own endpoint/);
});

test("unknown fields are refused rather than silently ignored", () => {
  const doc = seedDoc();
  doc.bridge.colour = "blue";
  assert.match(problems(doc), /colour/);
});

test("ids that could not name host objects safely are refused", () => {
  for (const id of ["Seed", "x;rm", "toolong1", "1abc", ""]) assert.match(problems({ ...seedDoc(), id }), /^id: /, id);
});

test("a lab holds up to 250 endpoints, the longest names still fit an interface name", () => {
  const lab = (count: number) => ({
    id: "abcdef",
    bridge: { name: "abcdef_br", address: "10.77.0.1/24" },
    endpoints: Array.from({ length: count }, (_, i) => ({ name: `c${i + 1}`, kind: "container", address: `10.77.0.${i + 2}/24` })),
  });
  assert.equal(problems(lab(250)), "");
  assert.match(problems(lab(251)), /^endpoints: /);
  assert.equal(problems({ ...lab(1), id: "abcdef", endpoints: [{ name: "abcdefgh", kind: "netns", address: "10.77.0.2/24" }] }), "");
});

test("two endpoints cannot share a DPDK port", () => {
  const doc = seedDoc();
  doc.endpoints[0].attach = { via: "dpdk", port: "dpdk0" };
  assert.match(problems(doc), /same DPDK port/);
});

test("retargeting moves every name and address and nothing else", () => {
  const spec = retargetSpec(labSpecSchema.parse(seedDoc()), "t1", "10.77.9");
  assert.equal(spec.id, "t1");
  assert.equal(spec.bridge.name, "t1_br");
  assert.equal(spec.bridge.address, "10.77.9.1/24");
  assert.deepEqual(spec.endpoints.map((e) => e.address), ["10.77.9.8/24", "10.77.9.7/24", "10.77.9.10/24"]);
  assert.deepEqual(spec.endpoints[2].attach, { via: "dpdk", port: "t1_dpdk0" });
  assert.deepEqual(spec.endpoints[2].offload, { tx: false });
  assert.equal(problems(spec), "");
});

const twoBridges = () => ({
  version: 2,
  id: "vl",
  bridges: [{ name: "br_a", address: "10.60.0.1/24" }, { name: "br_b", flows: ["priority=100,tcp,tp_dst=7,actions=drop"] }],
  links: [{ between: ["br_a", "br_b"] }],
  endpoints: [
    { name: "a10", kind: "container", address: "10.60.0.11/24", vlan: 10 },
    { name: "b10", kind: "netns", address: "10.60.0.21/24", bridge: "br_b", vlan: 10, mtu: 9000 },
    { name: "t", kind: "netns", address: "10.60.0.30/24", bridge: "br_b", trunks: [10, 20] },
  ],
});

test("version 2: `bridges:` becomes the first bridge and the others; endpoints name theirs", () => {
  const spec = labSpecSchema.parse(twoBridges());
  assert.equal(spec.bridge.name, "br_a");
  assert.deepEqual(spec.otherBridges?.map((b) => b.name), ["br_b"]);
  assert.deepEqual(spec.links, [{ kind: "patch", between: ["br_a", "br_b"] }]);
  assert.equal(spec.endpoints[1].bridge, "br_b");
  assert.equal(spec.endpoints[0].bridge, undefined, "absent: the first bridge");
  // Its JSON (a snapshot's) parses to the same spec.
  assert.deepEqual(labSpecSchema.parse(JSON.parse(JSON.stringify(spec))), spec);
});

test("version 2: each bad field is named", () => {
  const doc = twoBridges() as ReturnType<typeof twoBridges> & Record<string, unknown>;
  doc.endpoints[0].vlan = 5000;
  (doc.endpoints[1] as Record<string, unknown>).bridge = "br_c";
  (doc.endpoints[2] as Record<string, unknown>).vlan = 10;
  doc.links.push({ between: ["br_b", "br_a"] }, { between: ["br_a", "br_x"] });
  (doc.bridges[1] as Record<string, unknown>).address = "10.60.1.1/24";
  const text = problems(doc);
  assert.match(text, /endpoints\.0\.vlan: a VLAN id from 1 to 4094/);
  assert.match(text, /endpoints\.1\.bridge: no bridge "br_c" in this lab; bridges: br_a, br_b/);
  assert.match(text, /endpoints\.2\.trunks: a port is an access port \(vlan\) or a trunk \(trunks\), not both/);
  assert.match(text, /links\.1\.between: br_b and br_a are joined twice/);
  assert.match(text, /links\.2\.between\.1: no bridge "br_x"/);
  assert.match(text, /otherBridges\.0\.address: only the first bridge has an address/);
});

test("version 2: both `bridge` and `bridges` is refused; a flow with a newline is refused", () => {
  assert.match(problems({ ...twoBridges(), bridge: { name: "x" } }), /bridges: give every bridge under `bridges:`/);
  const doc = twoBridges();
  doc.bridges[1].flows = ["actions=drop\nactions=NORMAL"];
  assert.match(problems(doc), /otherBridges\.0\.flows\.0: an OpenFlow rule in ovs-ofctl syntax on one line/);
});

test("a version-1 spec parses with none of version 2's fields added", () => {
  const spec = labSpecSchema.parse(seedDoc());
  assert.equal("otherBridges" in spec, false);
  assert.equal("links" in spec, false);
  assert.equal("flows" in spec.bridge, false);
});

test("retargeting a two-bridge lab renames every bridge and what refers to it", () => {
  const spec = retargetSpec(labSpecSchema.parse(twoBridges()), "zz", "10.77.9");
  assert.deepEqual([spec.bridge.name, spec.otherBridges?.[0].name], ["zz_br", "zz_br2"]);
  assert.deepEqual(spec.links?.[0].between, ["zz_br", "zz_br2"]);
  assert.equal(spec.endpoints[1].bridge, "zz_br2");
  assert.equal(labSpecSchema.safeParse(spec).success, true);
});

test("retargeting moves the addresses and port names a bridge's rules name", () => {
  const doc = parse(readFileSync(new URL("../../labs/steering-drop.yaml", import.meta.url), "utf8"));
  const spec = retargetSpec(labSpecSchema.parse(doc), "zz", "10.77.9");
  assert.deepEqual(spec.bridge.flows, [
    "priority=200,tcp,nw_src=10.77.9.8,nw_dst=10.77.9.10,tp_dst=47007,actions=drop",
    "priority=150,udp,nw_src=10.77.9.7,nw_dst=10.77.9.10,actions=output:zz-server",
  ]);
});

test("every file in labs/ is a valid lab", () => {
  for (const file of readdirSync(new URL("../../labs/", import.meta.url)).filter((f) => f.endsWith(".yaml"))) {
    assert.equal(problems(parse(readFileSync(new URL(`../../labs/${file}`, import.meta.url), "utf8"))), "", file);
  }
});
