import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { labSpecSchema, type LabSpec } from "../lab-spec/schema";
import { labSpecToYaml } from "./lab-yaml";

const seedFile = path.resolve(import.meta.dirname, "../../labs/seed.yaml");
const seed = labSpecSchema.parse(parse(readFileSync(seedFile, "utf8")));

const twoBridges: LabSpec = labSpecSchema.parse({
  version: 2,
  id: "ed2",
  title: "Two bridges",
  description: "",
  bridges: [
    { name: "ed2_br", address: "10.77.141.1/24", flows: ["priority=100,tcp,tp_dst=80,actions=drop", "priority=90,udp,actions=NORMAL"] },
    { name: "ed2_br2", offload: { tx: false } },
  ],
  links: [{ kind: "patch", between: ["ed2_br", "ed2_br2"] }],
  endpoints: [
    { name: "c1", kind: "container", address: "10.77.141.2/24", vlan: 10, mtu: 9000, offload: { tx: false, rx: true } },
    { name: "c2", kind: "netns", address: "10.77.141.3/24", bridge: "ed2_br2", trunks: [10, 20], impair: { lossPercent: 2.5, delayMs: 100, jitterMs: 10 } },
  ],
});

/** The schema reads a one-bridge `bridges:` list as `otherBridges: []`: the same lab as none. */
function sameLab(spec: LabSpec): LabSpec {
  const { otherBridges, version: _v, ...rest } = spec;
  return otherBridges?.length ? { ...rest, otherBridges } : rest;
}

describe("lab editor: YAML in version-2 form", () => {
  for (const [what, spec] of [["the seed lab", seed], ["two bridges with VLANs, MTU, flows and a patch link", twoBridges]] as const)
    test(`${what} parses back to the same spec`, () => {
      const text = labSpecToYaml(spec);
      const back = labSpecSchema.parse(parse(text));
      assert.equal(back.version, 2);
      assert.deepEqual(sameLab(back), sameLab(spec));
      assert.equal(labSpecToYaml(back), text, "and writes the same file again");
    });

  test("the file reads as a person would write it: version 2, bridges:, defaults left out, short things on one line", () => {
    const text = labSpecToYaml(twoBridges);
    assert.equal(
      text,
      `version: 2
id: ed2
title: Two bridges
bridges:
  - name: ed2_br
    datapath: netdev
    address: 10.77.141.1/24
    flows:
      - priority=100,tcp,tp_dst=80,actions=drop
      - priority=90,udp,actions=NORMAL
  - name: ed2_br2
    datapath: netdev
    offload: { tx: false }
links:
  - kind: patch
    between: [ ed2_br, ed2_br2 ]
endpoints:
  - name: c1
    kind: container
    address: 10.77.141.2/24
    vlan: 10
    mtu: 9000
    offload: { tx: false, rx: true }
  - name: c2
    kind: netns
    address: 10.77.141.3/24
    bridge: ed2_br2
    trunks: [ 10, 20 ]
    impair: { delayMs: 100, jitterMs: 10, lossPercent: 2.5 }
`,
    );
    assert.match(labSpecToYaml(seed), /attach: \{ via: dpdk, port: dpdk0 \}/);
  });

  test("key order is the same whatever order the spec was built in (one change, one line of diff)", () => {
    const shuffled = structuredClone(twoBridges);
    shuffled.endpoints[0] = { offload: { rx: true, tx: false }, mtu: 9000, vlan: 10, address: "10.77.141.2/24", kind: "container", name: "c1", attach: { via: "veth" } };
    assert.equal(labSpecToYaml(shuffled), labSpecToYaml(twoBridges));
    const moved = structuredClone(twoBridges);
    moved.endpoints[0].mtu = 1500;
    const a = labSpecToYaml(twoBridges).split("\n");
    const b = labSpecToYaml(moved).split("\n");
    assert.deepEqual(a.map((line, i) => (line === b[i] ? null : [line, b[i]])).filter(Boolean), [["    mtu: 9000", "    mtu: 1500"]]);
  });
});
