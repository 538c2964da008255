import { test } from "node:test";
import assert from "node:assert/strict";
import type { ScenarioSummary } from "../contracts/scenarios";
import { resolveStep, stepRef } from "./presenter-step";

const scenarios: ScenarioSummary[] = [
  {
    id: "seed-story",
    title: "Ping works, TCP does not",
    summary: "",
    steps: [
      { id: "symptoms", title: "See the symptom", body: "Press **Run tests**." },
      { id: "fix-both", title: "Fix both containers", body: "" },
    ],
  },
];

test("a step is named with its scenario, and found again", () => {
  const ref = stepRef("seed-story", "fix-both");
  assert.equal(ref, "seed-story/fix-both");
  assert.deepEqual(resolveStep(ref, scenarios), {
    scenarioId: "seed-story",
    scenarioTitle: "Ping works, TCP does not",
    stepId: "fix-both",
    title: "Fix both containers",
    body: "",
    number: 2,
    total: 2,
  });
});

test("unknown scenarios or steps, and malformed refs, resolve to nothing", () => {
  assert.equal(resolveStep(null, scenarios), null);
  assert.equal(resolveStep("seed-story", scenarios), null);
  assert.equal(resolveStep("seed-story/nope", scenarios), null);
  assert.equal(resolveStep("other/symptoms", scenarios), null);
});

test("a pair too long for the presenter state is refused here, not by the server", () => {
  assert.equal(stepRef("a".repeat(40), "b".repeat(30)), null);
});
