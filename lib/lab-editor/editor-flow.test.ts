import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addBridge, addEndpoint, addPatchLink, setEndpointFields } from "./edit-actions";
import { newLabDraft } from "./lab-draft";
import { buildEditorFlow, connectionEdit, editorItemOf } from "./editor-flow";
import { validateDraft } from "./validate-draft";

describe("lab editor: the graph model", () => {
  test("a card per bridge and endpoint, an edge per port and patch link, errors on their cards", () => {
    let d = newLabDraft({ id: "ed2", bridgeName: "ed2_br", subnet: "10.77.141.0/24" });
    d = addEndpoint(d, "container").draft;
    const b = addBridge(d);
    d = addPatchLink(addEndpoint(b.draft, "netns", b.name).draft, "ed2_br", b.name);
    d = setEndpointFields(d, "n1", { mtu: 20 });
    const { nodes, edges } = buildEditorFlow(d, validateDraft(d).errors, new Map([["endpoint:c1", { x: 5, y: 6 }]]));
    assert.deepEqual(nodes.map((n) => n.id), ["bridge:ed2_br", "endpoint:c1", "bridge:ed2_br2", "endpoint:n1"]);
    assert.deepEqual(edges.map((e) => `${e.id} ${e.source}->${e.target}`), ["port:c1 endpoint:c1->bridge:ed2_br", "port:n1 endpoint:n1->bridge:ed2_br2", "patch:ed2_br~ed2_br2 bridge:ed2_br->bridge:ed2_br2"]);
    assert.deepEqual(nodes[1].position, { x: 5, y: 6 }, "a dragged card stays");
    const n1 = nodes.find((n) => n.id === "endpoint:n1")!;
    assert.match((n1.data.errors as string[])[0], /^mtu: /);
  });

  test("a drag asks for an attachment or a patch link, nothing else", () => {
    assert.deepEqual(connectionEdit("endpoint:c1", "bridge:br"), { kind: "attach", endpoint: "c1", bridge: "br" });
    assert.deepEqual(connectionEdit("bridge:br", "endpoint:c1"), { kind: "attach", endpoint: "c1", bridge: "br" });
    assert.deepEqual(connectionEdit("bridge:a", "bridge:b"), { kind: "patch", a: "a", b: "b" });
    assert.equal(connectionEdit("bridge:a", "bridge:a"), null);
    assert.equal(connectionEdit("endpoint:c1", "endpoint:c2"), null);
    assert.equal(connectionEdit(null, "bridge:a"), null);
    assert.deepEqual(editorItemOf("patch:a~b"), { kind: "patch", between: ["a", "b"] });
    assert.equal(editorItemOf("nonsense"), null);
  });
});
