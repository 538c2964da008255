import { test } from "node:test";
import assert from "node:assert/strict";
import type { ClassView } from "../contracts/classroom";
import { absoluteLink, classGrid, viewerLink } from "./class-grid";

const view: ClassView = {
  classId: "abc",
  scenario: { id: "seed-story", title: "Seed" },
  checks: [{ id: "tcp", title: "TCP works" }, { id: "clean", title: "no fault left" }],
  createdAt: "2026-11-26T00:00:00.000Z",
  endsAt: null,
  students: [
    {
      index: 1, name: "Ana", labId: "qabc01", link: "/labs/qabc01?student=t1", state: "ready", error: null, percent: 50, evaluatedAt: null,
      checks: {
        tcp: { status: "passed", message: "c1 reaches the server over TCP", firstPassedAt: "2026-11-26T00:03:20.000Z" },
        clean: { status: "failed", message: "a fault is left", firstPassedAt: null },
      },
    },
    { index: 2, name: "Ben", labId: "qabc02", link: "/labs/qabc02?student=t2", state: "building", error: null, percent: 0, evaluatedAt: null, checks: {} },
    { index: 3, name: "Cy", labId: "qabc03", link: "/labs/qabc03?student=t3", state: "failed", error: "docker is down", percent: 0, evaluatedAt: null, checks: {} },
  ],
};

test("a square per student and check, with its message and when it first passed", () => {
  const grid = classGrid(view);
  const [ana] = grid.rows;
  assert.deepEqual(ana.cells[0], {
    checkId: "tcp",
    status: "passed",
    firstPassed: "3 min 20 s",
    detail: "TCP works: passed · c1 reaches the server over TCP · first passed 3 min 20 s after the start",
  });
  assert.equal(ana.cells[1].status, "failed");
  assert.equal(ana.cells[1].firstPassed, null);
  assert.equal(ana.note, null);
});

test("labs still building or failed are grey, with a note saying why", () => {
  const [, ben, cy] = classGrid(view).rows;
  assert.deepEqual(ben.cells.map((c) => c.status), ["pending", "pending"]);
  assert.equal(ben.note, "lab being built…");
  assert.match(ben.cells[0].detail, /lab being built/);
  assert.equal(cy.note, "the lab could not be built: docker is down");
});

test("each column counts who passed it; finished counts who passed everything", () => {
  const grid = classGrid(view);
  assert.deepEqual(grid.columns.map((c) => c.passed), [1, 0]);
  assert.equal(grid.finished, 0);
  const allPassed = classGrid({ ...view, students: [{ ...view.students[0], checks: { ...view.students[0].checks, clean: { status: "passed", message: "", firstPassedAt: null } } }] });
  assert.equal(allPassed.finished, 1);
});

test("links: the student's absolute link, the teacher's read-only view", () => {
  assert.equal(absoluteLink("http://192.0.2.2:3000", "/labs/qabc01?student=t1"), "http://192.0.2.2:3000/labs/qabc01?student=t1");
  assert.equal(viewerLink("qabc01"), "/labs/qabc01?view=viewer");
});
