import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { LinkImpairment } from "../contracts/impairment";
import { formOfImpairment, impairmentChanges, impairmentFromForm, impairmentOf } from "./impairment-edits";

const running: LinkImpairment[] = [{ endpoint: "c1", hostEnd: "ed-c1", engine: "netem", impairment: { delayMs: 100 }, bridgePort: "ed-c1", note: "100 ms delay" }];

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
  });

  test("Apply sets only what differs from the running lab, for endpoints the lab keeps", () => {
    const edits = { c1: { delayMs: 100 }, c2: { lossPercent: 20 }, c3: null, gone: { delayMs: 5 } };
    assert.deepEqual(impairmentChanges(running, edits, ["c1", "c2", "c3"]), [{ endpoint: "c2", impairment: { lossPercent: 20 } }]);
    assert.deepEqual(impairmentChanges(running, { c1: null }, ["c1"]), [{ endpoint: "c1", impairment: null }]);
    assert.deepEqual(impairmentOf("c1", running, {}), { delayMs: 100 });
    assert.equal(impairmentOf("c1", running, { c1: null }), null);
    assert.deepEqual(formOfImpairment({ rateKbit: 1000 }), { delayMs: "", jitterMs: "", lossPercent: "", rateKbit: "1000" });
  });
});
