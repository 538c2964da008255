import { test } from "node:test";
import assert from "node:assert/strict";
import { actsOn, chooseEngine, qdiscArgs, relayDirectionJson, tbfBurstBytes } from "./choose-engine";

const noNetem = { netem: false, tbf: true };
const withNetem = { netem: true, tbf: true };

test("no impairment, or one that changes nothing, needs no engine", () => {
  assert.equal(chooseEngine(null, noNetem), null);
  assert.equal(chooseEngine({ delayMs: 0, lossPercent: 0 }, withNetem), null);
});

test("without netem: a rate alone goes to tbf, anything with delay, jitter or loss to the relay", () => {
  assert.equal(chooseEngine({ rateKbit: 1000 }, noNetem), "tbf");
  assert.equal(chooseEngine({ delayMs: 100 }, noNetem), "relay");
  assert.equal(chooseEngine({ lossPercent: 5, rateKbit: 1000 }, noNetem), "relay");
  assert.equal(chooseEngine({ rateKbit: 1000 }, { netem: false, tbf: false }), "relay");
});

test("with netem, netem does it all", () => {
  assert.equal(chooseEngine({ delayMs: 100, rateKbit: 10 }, withNetem), "netem");
  assert.equal(chooseEngine({ rateKbit: 1000 }, withNetem), "netem");
});

test("tc arguments", () => {
  assert.deepEqual(qdiscArgs("netem", { delayMs: 100, jitterMs: 10, lossPercent: 20, rateKbit: 1000 }), ["netem", "delay", "100ms", "10ms", "loss", "20%", "rate", "1000kbit"]);
  assert.deepEqual(qdiscArgs("tbf", { rateKbit: 1000 }), ["tbf", "rate", "1000kbit", "burst", "3200", "latency", "100ms"]);
  assert.equal(tbfBurstBytes(10_000_000), 25_000_000);
  assert.throws(() => qdiscArgs("tbf", { delayMs: 1 }));
});

test("directions: towards the endpoint unless said otherwise", () => {
  assert.deepEqual(actsOn({ delayMs: 1 }), { toEndpoint: true, fromEndpoint: false });
  assert.deepEqual(actsOn({ delayMs: 1, direction: "from-endpoint" }), { toEndpoint: false, fromEndpoint: true });
  assert.deepEqual(actsOn({ delayMs: 1, direction: "both" }), { toEndpoint: true, fromEndpoint: true });
  assert.equal(relayDirectionJson({ delayMs: 5 }, false), "{}");
  assert.deepEqual(JSON.parse(relayDirectionJson({ delayMs: 5, lossPercent: 1 }, true)), { delayMs: 5, jitterMs: 0, lossPercent: 1, rateKbit: null });
});
