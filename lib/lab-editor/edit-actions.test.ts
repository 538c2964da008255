import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addBridge, addEndpoint, addPatchLink, connectEndpoint, EditRefused, flowsFromText, removeBridge, removeEndpoint, removePatchLink, setBridgeFields, setBridgeFlows, setEndpointFields, setEndpointOffload } from "./edit-actions";
import { newLabDraft, subnetPrefix, suggestNewLab } from "./lab-draft";
import { nextFreeAddress } from "./next-free";
import { validateDraft } from "./validate-draft";

const empty = () => newLabDraft({ id: "ed2", bridgeName: "ed2_br", subnet: "10.77.141.0/24" });

describe("lab editor: edit actions", () => {
  test("a new lab is one bridge with the host's .1 and nothing else, and it is a valid lab", () => {
    const d = empty();
    assert.deepEqual(d.bridge, { name: "ed2_br", datapath: "netdev", address: "10.77.141.1/24" });
    assert.deepEqual(d.endpoints, []);
    assert.equal(validateDraft(d).ok, true);
  });

  test("subnets are read in the forms a person types; bad ones are refused", () => {
    assert.equal(subnetPrefix("10.77.141.0/24"), "10.77.141");
    assert.equal(subnetPrefix("10.77.141"), "10.77.141");
    assert.equal(subnetPrefix("10.77.300.0/24"), null);
    assert.equal(subnetPrefix("10.77.141.0/16"), null);
    assert.deepEqual(suggestNewLab(["lab1"]), { id: "lab2", bridgeName: "lab2_br", subnet: "10.77.202.0/24" });
  });

  test("endpoints get the next free name of their kind and the next free address of the lab's /24", () => {
    let d = empty();
    ({ draft: d } = addEndpoint(d, "container"));
    ({ draft: d } = addEndpoint(d, "container"));
    const n = addEndpoint(d, "netns");
    d = n.draft;
    assert.deepEqual(d.endpoints.map((e) => [e.name, e.kind, e.address]), [
      ["c1", "container", "10.77.141.2/24"],
      ["c2", "container", "10.77.141.3/24"],
      ["n1", "netns", "10.77.141.4/24"],
    ]);
    d = removeEndpoint(d, "c1");
    const again = addEndpoint(d, "container");
    assert.equal(again.name, "c1", "a freed name is used again");
    assert.equal(again.draft.endpoints.at(-1)!.address, "10.77.141.2/24", "and a freed address");
    assert.equal(d.endpoints.length, 2, "the draft given is never changed");
    assert.equal(validateDraft(again.draft).ok, true);
  });

  test("a full /24 refuses another endpoint with the reason", () => {
    const d = empty();
    d.endpoints = Array.from({ length: 253 }, (_, i) => ({ name: `x${i}`, kind: "container" as const, address: `10.77.141.${i + 2}/24` }));
    assert.equal(nextFreeAddress(d), null);
    assert.throws(() => addEndpoint(d, "container"), EditRefused);
  });

  test("bridges, ports and patch links: connect, link, rename, remove", () => {
    let d = empty();
    ({ draft: d } = addEndpoint(d, "container"));
    const br = addBridge(d);
    assert.equal(br.name, "ed2_br2");
    d = br.draft;
    d = addEndpoint(d, "container", "ed2_br2").draft;
    assert.equal(d.endpoints[1].bridge, "ed2_br2");
    d = connectEndpoint(d, "c1", "ed2_br2");
    assert.equal(d.endpoints[0].bridge, "ed2_br2");
    d = connectEndpoint(d, "c1", "ed2_br");
    assert.equal(d.endpoints[0].bridge, undefined, "the first bridge is where an endpoint naming none is");
    d = addPatchLink(d, "ed2_br", "ed2_br2");
    assert.throws(() => addPatchLink(d, "ed2_br2", "ed2_br"), /already joined/);
    assert.throws(() => addPatchLink(d, "ed2_br", "ed2_br"), /two different/);
    d = setBridgeFields(d, "ed2_br2", { name: "ed2_core" });
    assert.deepEqual(d.links, [{ kind: "patch", between: ["ed2_br", "ed2_core"] }], "a rename follows into links");
    assert.equal(d.endpoints[1].bridge, "ed2_core", "and into endpoints");
    assert.equal(validateDraft(d).ok, true);
    assert.throws(() => removeBridge(d, "ed2_br"), /first bridge/);
    const noLink = removePatchLink(d, "ed2_core", "ed2_br");
    assert.equal(noLink.links, undefined);
    d = removeBridge(d, "ed2_core");
    assert.equal(d.otherBridges, undefined);
    assert.equal(d.links, undefined);
    assert.equal(d.endpoints[1].bridge, undefined, "its endpoints move to the first bridge");
  });

  test("VLAN, trunks, MTU, offload defaults and flows are set and cleared", () => {
    let d = addEndpoint(empty(), "container").draft;
    d = setEndpointFields(d, "c1", { vlan: 10, mtu: 9000 });
    assert.deepEqual([d.endpoints[0].vlan, d.endpoints[0].mtu], [10, 9000]);
    d = setEndpointFields(d, "c1", { vlan: undefined, trunks: [10, 20] });
    assert.equal("vlan" in d.endpoints[0], false);
    assert.deepEqual(d.endpoints[0].trunks, [10, 20]);
    d = setEndpointFields(d, "c1", { trunks: [] });
    assert.equal("trunks" in d.endpoints[0], false);
    d = setEndpointOffload(d, "c1", "tx", false);
    assert.deepEqual(d.endpoints[0].offload, { tx: false });
    d = setEndpointOffload(d, "c1", "tx", undefined);
    assert.equal(d.endpoints[0].offload, undefined);
    d = setBridgeFlows(d, "ed2_br", flowsFromText("# drop web\npriority=100,tcp,tp_dst=80,actions=drop\n\n  "));
    assert.deepEqual(d.bridge.flows, ["priority=100,tcp,tp_dst=80,actions=drop"]);
    d = setBridgeFlows(d, "ed2_br", [" "]);
    assert.equal(d.bridge.flows, undefined);
    assert.equal(validateDraft(d).ok, true);
  });

  test("a Linux bridge lab refuses a second bridge", () => {
    const d = setBridgeFields(empty(), "ed2_br", { kind: "linux" });
    assert.throws(() => addBridge(d), /Linux bridge/);
    assert.equal(setBridgeFields(d, "ed2_br", { kind: "ovs" }).bridge.kind, undefined);
  });
});
