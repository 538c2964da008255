import { test } from "node:test";
import assert from "node:assert/strict";
import type { LabSummary } from "../contracts/labs";
import { labHealthWords, sortLabs } from "./lab-health";

const lab = (over: Partial<LabSummary>): LabSummary => ({ labId: "ui1", isDefault: false, bridge: "ui1_br", endpoints: 4, running: 4, health: "ok", lastRun: null, classId: null, ...over });

test("each health in words, with the last run's figures", () => {
  assert.equal(labHealthWords(lab({ lastRun: { runId: "r", finishedAt: null, total: 36, failed: 0 } })), "healthy: 4 of 4 endpoints running, last run passed 36 probes");
  assert.equal(labHealthWords(lab({ health: "failing", lastRun: { runId: "r", finishedAt: null, total: 36, failed: 20 } })), "failing: 20 of 36 probes failed in the last run");
  assert.equal(labHealthWords(lab({ health: "down", running: 0 })), "down: none of 4 endpoints runs");
  assert.equal(labHealthWords(lab({ health: "down", endpoints: 0, running: 0 })), "down: nothing is built");
  assert.equal(labHealthWords(lab({ health: "unknown", running: 3 })), "not tested yet: 3 of 4 endpoints running");
});

test("the default lab comes first, then the others by id", () => {
  assert.deepEqual(sortLabs([lab({ labId: "qab02" }), lab({ labId: "qab01" }), lab({ labId: "ui1", isDefault: true })]).map((l) => l.labId), ["ui1", "qab01", "qab02"]);
});
