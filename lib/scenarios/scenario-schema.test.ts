import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { describeZodError, labSpecSchema } from "../lab-spec/schema";
import { scenarioSchema } from "./scenario-schema";
import { scenarioReferenceIssues } from "./scenario-references";

const dir = new URL("../../scenarios/", import.meta.url);
const fileDoc = (name: string) => parse(readFileSync(new URL(name, dir), "utf8"));
const seedSpec = () => labSpecSchema.parse(parse(readFileSync(new URL("../../labs/seed.yaml", import.meta.url), "utf8")));
const minimal = () => ({
  id: "mini",
  title: "Minimal",
  lab: { template: "seed" },
  faults: [{ kind: "tx-offload", endpoint: "c1" }],
  checks: [{ id: "tcp", cell: "tcp c1->server" }],
  steps: [{ id: "one", title: "One", checks: ["tcp"] }],
});
const problems = (doc: unknown) => {
  const r = scenarioSchema.safeParse(doc);
  return r.success ? "" : describeZodError(r.error);
};

test("every scenario shipped in scenarios/ is valid, named after its file, and names only what its lab has", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
  assert.ok(files.length >= 3);
  for (const file of files) {
    const s = scenarioSchema.parse(fileDoc(file));
    assert.equal(`${s.id}.yaml`, file);
    const spec = s.lab.source === "template" ? seedSpec() : s.lab.spec;
    assert.deepEqual(scenarioReferenceIssues(s, spec), [], file);
  }
});

test("a scenario reads into tagged checks, defaults filled in", () => {
  const s = scenarioSchema.parse({ ...minimal(), checks: [{ id: "tcp", cell: "tcp c1->server" }, { id: "tx", interface: "c1:eth0", tx: "off" }, { id: "clean", noFaultLeft: true }] });
  assert.deepEqual(s.lab, { source: "template", template: "seed" });
  assert.deepEqual(s.checks.map((c) => c.kind), ["cell", "interface", "no-fault-left"]);
  assert.deepEqual(s.checks[0], { id: "tcp", pass: undefined, fail: undefined, kind: "cell", protocol: "tcp", from: "c1", to: "server", expect: "ok" });
  assert.equal(s.checks[1].kind === "interface" && s.checks[1].tx, false);
  assert.equal(s.steps[0].body, "");
});

test("errors name the field: the fault's kind, a value, one option of a oneOf, a pick that asks for too many", () => {
  const text = problems({
    ...minimal(),
    faults: [{ kind: "unplug" }, { kind: "mtu-mismatch", endpoint: "c1", mtu: "big" }, { pick: 3, of: [{ kind: "vlan-tag", endpoint: { oneOf: ["c1", "C2"] } }] }],
  });
  assert.match(text, /faults\.0\.kind: one of tx-offload, mtu-mismatch/);
  assert.match(text, /faults\.1\.mtu: an MTU from 68 to 9000/);
  assert.match(text, /faults\.2\.of\.0\.endpoint\.oneOf\.1: an endpoint name/);
  assert.match(text, /faults\.2\.pick: cannot pick more faults than `of` lists/);
});

test("errors name the field inside an inline lab, as the lab file's own errors do", () => {
  const doc = { ...minimal(), lab: { id: "x", bridge: { name: "br" }, endpoints: [{ name: "c1", kind: "container", address: "10.0.0.300/24" }] } };
  assert.match(problems(doc), /^lab\.endpoints\.0\.address: an IPv4 address with prefix/);
  assert.match(problems({ ...minimal(), lab: { template: "../etc/passwd" } }), /lab\.template: a file name in labs\//);
});

test("a check has exactly one subject and only its fields; steps name checks that exist; ids are unique", () => {
  const text = problems({
    ...minimal(),
    checks: [
      { id: "a", cell: "tcp c1=>server" },
      { id: "b", interface: "c1:eth0" },
      { id: "c", interface: "c1:eth0", tx: "off", expect: "ok" },
      { id: "d" },
      { id: "a", noFaultLeft: true },
      { id: "f", capture: "c1:eth0" },
    ],
    steps: [{ id: "one", title: "One", checks: ["zz"] }],
  });
  assert.match(text, /checks\.0\.cell: a matrix cell such as "tcp c1->server"/);
  assert.match(text, /checks\.1\.interface: say what the interface must show: tx, mtu or up/);
  assert.match(text, /checks\.2\.expect: belongs to cell checks, not to interface checks/);
  assert.match(text, /checks\.3: give exactly one of cell, interface, capture, noFaultLeft \(got none\)/);
  assert.match(text, /checks\.4\.id: "a" is used twice/);
  assert.match(text, /checks\.5\.checksums: correct or bad/);
  assert.match(text, /steps\.0\.checks\.0: no check "zz"/);
});

test("references are checked against the lab: unknown endpoints, host for a fault planted inside an endpoint, a cell with a stranger", () => {
  const s = scenarioSchema.parse({
    ...minimal(),
    faults: [{ kind: "tx-offload", endpoint: "host" }, { pick: 1, of: [{ kind: "drop-flow", from: { oneOf: ["c1", "c9"] }, to: "server" }] }, { kind: "firewall-drop", endpoint: "server", peer: "c7" }],
    checks: [{ id: "tcp", cell: "tcp c1->nobody" }, { id: "mtu", interface: "host:{lab}-c1", mtu: 1500 }],
  });
  const issues = scenarioReferenceIssues(s, seedSpec()).map((i) => `${i.path.join(".")}: ${i.message}`);
  assert.deepEqual(issues, [
    'faults.0.endpoint: tx-offload is planted inside an endpoint; "host" is this machine\'s own namespace',
    'faults.1.of.0.from: no endpoint "c9" in the lab (endpoints: host, c1, c2, server)',
    'faults.2.peer: no endpoint "c7" in the lab (endpoints: host, c1, c2, server)',
    'checks.0.cell: no endpoint "nobody" in the lab (endpoints: host, c1, c2, server)',
  ]);
});
