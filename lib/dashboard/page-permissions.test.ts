import { test } from "node:test";
import assert from "node:assert/strict";
import { VIEWER_REASON } from "../contracts/access";
import { pagePermissions, refusalOf, WAITING_REASON } from "./page-permissions";

const student = { labId: "qab101", operations: ["capture", "matrix run", "offload change"] };

test("the operator may do everything on any lab", () => {
  const p = pagePermissions({ role: "operator", labId: "ui1", student: null });
  assert.equal(refusalOf(p, "offload change"), null);
  assert.equal(refusalOf(p, "snapshot save"), null);
});

test("a viewer may do nothing, and is told why", () => {
  const p = pagePermissions({ role: "viewer", labId: "ui1", student: null });
  assert.equal(refusalOf(p, "matrix run"), VIEWER_REASON);
});

test("before the server answers, nothing is allowed", () => {
  assert.equal(refusalOf(pagePermissions({ role: null, labId: null, student: null }), "matrix run"), WAITING_REASON);
});

test("a student uses on their own lab exactly the operations their scenario allows", () => {
  const p = pagePermissions({ role: "student", labId: "qab101", student });
  assert.equal(p.ownLab, true);
  assert.equal(refusalOf(p, "offload change"), null);
  assert.equal(refusalOf(p, "matrix run"), null);
  assert.match(refusalOf(p, "interface mtu") ?? "", /only their own lab, through the operations their scenario allows/);
});

test("a student on someone else's lab only watches, and is told where theirs is", () => {
  const p = pagePermissions({ role: "student", labId: "qab102", student });
  assert.equal(p.ownLab, false);
  assert.match(refusalOf(p, "offload change") ?? "", /not your lab \(yours is qab101\)/);
});

test("a student whose view has not arrived yet may do nothing for now", () => {
  const p = pagePermissions({ role: "student", labId: "qab101", student: null });
  assert.notEqual(refusalOf(p, "offload change"), null);
});
