import { test } from "node:test";
import assert from "node:assert/strict";
import { fieldsOf, impairmentOf } from "./impairment-fields";

test("empty fields are left out; numbers are read; errors name the field", async () => {
  assert.deepEqual(await impairmentOf({ delayMs: "100", jitterMs: "", lossPercent: " 2.5 ", rateKbit: "", direction: "to-endpoint" }), { ok: true, value: { delayMs: 100, lossPercent: 2.5 } });
  assert.deepEqual(await impairmentOf({ delayMs: "", jitterMs: "", lossPercent: "", rateKbit: "7", direction: "both" }), { ok: false, error: "rateKbit: at least 8 kbit/s" });
  assert.equal((await impairmentOf({ delayMs: "abc", jitterMs: "", lossPercent: "", rateKbit: "", direction: "to-endpoint" })).ok, false);
});

test("a link's impairment fills the form back", () => {
  assert.deepEqual(fieldsOf({ delayMs: 100, rateKbit: 1000, direction: "both" }), { delayMs: "100", jitterMs: "", lossPercent: "", rateKbit: "1000", direction: "both" });
  assert.deepEqual(fieldsOf(null), { delayMs: "", jitterMs: "", lossPercent: "", rateKbit: "", direction: "to-endpoint" });
});
