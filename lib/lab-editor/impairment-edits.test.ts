import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { setEndpointImpairment } from "./edit-actions";
import { newLabDraft } from "./lab-draft";
import { addEndpoint } from "./edit-actions";
import { formOfImpairment, impairmentFromForm } from "./impairment-edits";
import { validateDraft } from "./validate-draft";

describe("lab editor: impairments", () => {
  test("the form is checked by the impairment schema; blank or zero is none", () => {
    assert.deepEqual(impairmentFromForm({ delayMs: "100", jitterMs: "10", lossPercent: "", rateKbit: " " }), { ok: true, impairment: { delayMs: 100, jitterMs: 10 } });
    assert.deepEqual(impairmentFromForm({ delayMs: "0", lossPercent: "" }), { ok: true, impairment: null });
    const bad = impairmentFromForm({ delayMs: "5", jitterMs: "50" });
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.errors.map((e) => e.field), ["jitterMs"]);
    const nan = impairmentFromForm({ lossPercent: "lots" });
    assert.deepEqual(!nan.ok && nan.errors, [{ field: "lossPercent", message: "lossPercent: a number" }]);
    assert.equal(impairmentFromForm({ lossPercent: "150" }).ok, false);
    assert.deepEqual(formOfImpairment({ rateKbit: 1000 }), { delayMs: "", jitterMs: "", lossPercent: "", rateKbit: "1000" });
  });

  test("an endpoint's impair is set in the spec and cleared by null or a no-op impairment", () => {
    let d = addEndpoint(newLabDraft({ id: "ed2", bridgeName: "ed2_br", subnet: "10.77.141" }), "container").draft;
    d = setEndpointImpairment(d, "c1", { delayMs: 100, lossPercent: 1 });
    assert.deepEqual(d.endpoints[0].impair, { delayMs: 100, lossPercent: 1 });
    assert.equal(validateDraft(d).ok, true);
    assert.equal("impair" in setEndpointImpairment(d, "c1", null).endpoints[0], false);
    assert.equal("impair" in setEndpointImpairment(d, "c1", { delayMs: 0 }).endpoints[0], false);
  });
});
