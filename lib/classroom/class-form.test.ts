import { test } from "node:test";
import assert from "node:assert/strict";
import { classRequestOf, EMPTY_CLASS_FORM } from "./class-form";

const form = { ...EMPTY_CLASS_FORM, scenario: "seed-story" };

test("a number of students, with seed and minutes when given", () => {
  assert.deepEqual(classRequestOf({ ...form, count: " 3 ", seed: " week-4 ", minutes: "45" }), { ok: true, request: { scenario: "seed-story", students: 3, seed: "week-4", minutes: 45 } });
  assert.deepEqual(classRequestOf(form), { ok: true, request: { scenario: "seed-story", students: 4 } });
});

test("names, one a line, blank lines left out", () => {
  assert.deepEqual(classRequestOf({ ...form, mode: "names", names: "Ana\n\n  Ben O'Neil \r\nCy" }), { ok: true, request: { scenario: "seed-story", students: ["Ana", "Ben O'Neil", "Cy"] } });
});

test("what is wrong, in words", () => {
  assert.deepEqual(classRequestOf({ ...form, scenario: "" }), { ok: false, error: "choose a scenario" });
  assert.deepEqual(classRequestOf({ ...form, mode: "names", names: " \n" }), { ok: false, error: "write the students' names, one a line" });
  assert.match(classRequestOf({ ...form, count: "two" }).ok ? "" : "whole number", /whole number/);
  const tooMany = classRequestOf({ ...form, count: "41" });
  assert.equal(tooMany.ok, false);
  assert.match(tooMany.ok ? "" : tooMany.error, /^students/);
  const badName = classRequestOf({ ...form, mode: "names", names: "<script>" });
  assert.match(badName.ok ? "" : badName.error, /students\.0: a name/);
  assert.match(classRequestOf({ ...form, minutes: "1.5" }).ok ? "" : "minutes", /minutes/);
});
