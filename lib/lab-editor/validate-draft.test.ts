import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { addBridge, addEndpoint, addPatchLink, setEndpointFields } from "./edit-actions";
import { newLabDraft } from "./lab-draft";
import { errorsByTarget, validateDraft } from "./validate-draft";

const base = () => addEndpoint(addEndpoint(newLabDraft({ id: "ed2", bridgeName: "ed2_br", subnet: "10.77.141" }), "container").draft, "container").draft;

describe("lab editor: validation names the card and field", () => {
  test("a bad VLAN and a used address land on their endpoints' fields", () => {
    let d = setEndpointFields(base(), "c1", { vlan: 5000 });
    d = setEndpointFields(d, "c2", { address: "10.77.141.2/24" });
    const check = validateDraft(d);
    assert.equal(check.ok, false);
    assert.deepEqual(
      check.errors.map((e) => [e.target, e.field]),
      [
        [{ kind: "endpoint", name: "c1" }, "vlan"],
        [{ kind: "endpoint", name: "c2" }, "address"],
      ],
    );
    const grouped = errorsByTarget(check.errors);
    assert.match(grouped.get("endpoint:c1")!.get("vlan")![0], /1 to 4094/);
  });

  test("a bridge's error lands on that bridge, a link's on that link, a lab field on the lab", () => {
    let d = addBridge(base()).draft;
    d = addPatchLink(d, "ed2_br", "ed2_br2");
    d.otherBridges![0].address = "10.77.141.9/24";
    d.links!.push({ kind: "patch", between: ["ed2_br", "nope"] });
    d.id = "Bad-Id";
    const { errors } = validateDraft(d);
    const found = errors.map((e) => `${e.target.kind}${"name" in e.target ? ` ${e.target.name}` : ""}.${e.field}`);
    assert.ok(found.includes("bridge ed2_br2.address"), found.join(" "));
    assert.ok(found.includes("link.between"), found.join(" "));
    assert.ok(found.includes("lab.id"), found.join(" "));
  });

  test("vlan and trunks together are refused on trunks", () => {
    const d = setEndpointFields(base(), "c1", { vlan: 10, trunks: [20] });
    const { errors } = validateDraft(d);
    assert.deepEqual(errors.map((e) => [e.target, e.field]), [[{ kind: "endpoint", name: "c1" }, "trunks"]]);
  });
});
