import { test } from "node:test";
import assert from "node:assert/strict";
import { describeImpairment, isNoImpairment } from "./impairment";
import { impairmentChangeSchema, impairmentSchema } from "./impairment-inputs";

const errorOf = (input: unknown) => {
  const r = impairmentSchema.safeParse(input);
  return r.success ? null : r.error.issues.map((i) => i.message).join("; ");
};

test("a valid impairment passes as given", () => {
  const full = { delayMs: 100, jitterMs: 10, lossPercent: 0.5, rateKbit: 1000, direction: "both" };
  assert.deepEqual(impairmentSchema.parse(full), full);
  assert.deepEqual(impairmentSchema.parse({}), {});
});

test("bounds, each error naming its field", () => {
  assert.match(errorOf({ delayMs: 10_001 })!, /^delayMs: at most 10000 ms/);
  assert.match(errorOf({ delayMs: -1 })!, /^delayMs: at least 0/);
  assert.match(errorOf({ delayMs: 1.5 })!, /^delayMs: a whole number/);
  assert.match(errorOf({ lossPercent: 101 })!, /^lossPercent: at most 100/);
  assert.match(errorOf({ rateKbit: 7 })!, /^rateKbit: at least 8 kbit/);
  assert.match(errorOf({ rateKbit: 10_000_001 })!, /^rateKbit: at most 10000000/);
  assert.match(errorOf({ delayMs: "100" })!, /^delayMs: a number of ms/);
  assert.match(errorOf({ jitterMs: 5 })!, /^jitterMs: needs a delayMs/);
  assert.match(errorOf({ delayMs: 5, jitterMs: 6 })!, /^jitterMs: at most delayMs/);
  assert.ok(errorOf({ delay: 5 }), "an unknown field is refused");
  assert.ok(errorOf({ direction: "sideways" }));
});

test("the change body: an impairment or null", () => {
  assert.deepEqual(impairmentChangeSchema.parse({ impairment: null }), { impairment: null });
  assert.equal(impairmentChangeSchema.safeParse({}).success, false);
});

test("words and emptiness", () => {
  assert.equal(describeImpairment({ delayMs: 100, jitterMs: 10, lossPercent: 20, rateKbit: 1000 }), "100 ms ± 10 ms delay, 20 % loss, 1000 kbit/s");
  assert.equal(describeImpairment({ delayMs: 5, direction: "both" }), "5 ms delay (both)");
  assert.ok(isNoImpairment({ delayMs: 0 }));
  assert.ok(!isNoImpairment({ rateKbit: 8 }));
});
