import { test } from "node:test";
import assert from "node:assert/strict";
import { classResultsCsv } from "./class-csv";
import type { ClassView } from "../contracts/classroom";

const view: ClassView = {
  classId: "abc",
  scenario: { id: "seed-story", title: "Seed" },
  checks: [{ id: "tcp-works", title: "TCP works" }, { id: "clean", title: "clean" }],
  createdAt: "2026-11-26T00:00:00.000Z",
  endsAt: null,
  students: [
    {
      index: 1, name: 'Ana "the, first"', labId: "qabc01", link: "/labs/qabc01?student=x", state: "ready", error: null, percent: 50, evaluatedAt: null,
      checks: { "tcp-works": { status: "passed", message: "", firstPassedAt: "2026-11-26T00:05:00.000Z" }, clean: { status: "failed", message: "", firstPassedAt: null } },
    },
    { index: 2, name: "=cmd()", labId: "qabc02", link: "", state: "building", error: null, percent: 0, evaluatedAt: null, checks: {} },
  ],
};

test("one row per student: status and first pass time per check, quoted where needed", () => {
  const lines = classResultsCsv(view).split("\r\n");
  assert.equal(lines[0], "student,name,lab,percent,tcp-works,tcp-works first passed,clean,clean first passed");
  assert.equal(lines[1], '1,"Ana ""the, first""",qabc01,50,passed,2026-11-26T00:05:00.000Z,failed,');
  assert.equal(lines[2], "2,'=cmd(),qabc02,0,pending,,pending,");
  assert.equal(lines.length, 4, "a line break ends the last row");
});

test("the student links are not in the export", () => {
  assert.doesNotMatch(classResultsCsv(view), /student=/);
});
