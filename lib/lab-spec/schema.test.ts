import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
