import { test } from "node:test";
import assert from "node:assert/strict";
import { firstLookMs, nextDropEstimateMs } from "./drop-timing";

test("one slow round does not hold the later ones: drops seen at the first look halve the estimate", () => {
  let estimate = 1;
  estimate = nextDropEstimateMs(estimate, 132, false); // the round beside the ICMP wave
  assert.ok(estimate > 30);
  const rounds: number[] = [];
  for (let i = 0; i < 6; i++) {
    const look = firstLookMs(estimate);
    rounds.push(look);
    estimate = nextDropEstimateMs(estimate, look + 0.5, true); // the drops were there at the first look
  }
  assert.ok(rounds.at(-1)! < 2, `first looks: ${rounds.map((r) => r.toFixed(1)).join(", ")}`);
});

test("drops found only after some looks are averaged in; a round without drops leaves the estimate", () => {
  assert.equal(nextDropEstimateMs(10, 20, false), 13);
  assert.equal(nextDropEstimateMs(10, null, false), 10);
  assert.equal(nextDropEstimateMs(1.5, 1, true), 1);
  assert.equal(firstLookMs(100), 20);
});
