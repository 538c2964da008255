import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { labSpecSchema, type LabSpec } from "../lab-spec/schema";
import { addBridge, addEndpoint, addPatchLink, removeEndpoint, setBridgeFlows, setEndpointFields, setEndpointImpairment } from "./edit-actions";
import { draftOf } from "./lab-draft";
import { describeDiff, diffSpecs } from "./spec-diff";

const running: LabSpec = labSpecSchema.parse({
  id: "ed",
  bridge: { name: "ed_br", address: "10.77.140.1/24" },
  endpoints: [
    { name: "c1", kind: "container", address: "10.77.140.8/24" },
    { name: "c2", kind: "container", address: "10.77.140.7/24" },
  ],
});
const parse = (d: unknown) => labSpecSchema.parse(d);
const keys = (pairs: [string, string][]) => pairs.map(([a, b]) => `${a}>${b}`).sort();

describe("lab editor: what changed and what to test again", () => {
  test("the same lab: nothing to do", () => {
    const diff = diffSpecs(running, parse(draftOf(running)));
    assert.equal(diff.empty, true);
    assert.deepEqual(diff.retestPairs, []);
    assert.deepEqual(describeDiff(diff), ["nothing changed"]);
  });

  test("one container added: only the pairs with it are tested again", () => {
    const draft = parse(addEndpoint(draftOf(running), "container").draft);
    const diff = diffSpecs(running, draft);
    assert.deepEqual(diff.endpoints.added, ["c3"]);
    assert.deepEqual(keys(diff.retestPairs), ["c1>c3", "c2>c3", "c3>c1", "c3>c2", "c3>host", "host>c3"]);
    assert.deepEqual(describeDiff(diff), ["endpoints added: c3"]);
  });

  test("a changed VLAN is a changed endpoint; a removed one leaves no pair behind", () => {
    let d = setEndpointFields(draftOf(running), "c1", { vlan: 10 });
    d = removeEndpoint(d, "c2");
    const diff = diffSpecs(running, parse(d));
    assert.deepEqual(diff.endpoints.changed, [{ name: "c1", fields: ["vlan"] }]);
    assert.deepEqual(diff.endpoints.removed, ["c2"]);
    assert.deepEqual(keys(diff.retestPairs), ["c1>host", "host>c1"]);
  });

  test("new flows on a bridge: every pair through it; a bridge or link added: every pair", () => {
    const flows = diffSpecs(running, parse(setBridgeFlows(draftOf(running), "ed_br", ["priority=100,icmp,actions=drop"])));
    assert.deepEqual(flows.bridges.changed, [{ name: "ed_br", fields: ["flows"] }]);
    assert.equal(flows.retestPairs.length, 6);
    const { draft, name } = addBridge(draftOf(running));
    const linked = diffSpecs(running, parse(addPatchLink(addEndpoint(draft, "container", name).draft, "ed_br", name)));
    assert.deepEqual([linked.bridges.added, linked.links.added], [["ed_br2"], ["ed_br ↔ ed_br2"]]);
    assert.equal(linked.retestPairs.length, 12, "4 endpoints, every ordered pair");
  });

  test("an impairment is a change of its endpoint: its pairs are tested again", () => {
    const diff = diffSpecs(running, parse(setEndpointImpairment(draftOf(running), "c2", { delayMs: 100 })));
    assert.deepEqual(diff.endpoints.changed, [{ name: "c2", fields: ["impair"] }]);
    assert.deepEqual(keys(diff.retestPairs), ["c1>c2", "c2>c1", "c2>host", "host>c2"]);
    assert.deepEqual(describeDiff(diff), ["endpoints changed: c2 (impair)"]);
  });

  test("another id is a new lab: every pair", () => {
    const other = parse({ ...draftOf(running), id: "ed2" });
    const diff = diffSpecs(running, other);
    assert.equal(diff.newLab, true);
    assert.equal(diff.retestPairs.length, 6);
    assert.equal(diffSpecs(null, running).newLab, true);
  });
});

