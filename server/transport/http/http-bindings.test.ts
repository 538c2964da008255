import { test } from "node:test";
import assert from "node:assert/strict";
import { API_ROUTES, OPERATOR_ROUTES, type RouteName } from "../../../lib/contracts/api-routes";
import { HTTP_BINDINGS } from "./http-bindings";

const names = Object.keys(API_ROUTES) as RouteName[];

test("every route calls an operation whose rule is the one the shared table tells the pages", () => {
  for (const name of names) assert.equal(HTTP_BINDINGS[name].operation.access, API_ROUTES[name].access, name);
});

test("everything that changes the lab, or lists snapshot ids, is the operator's; GETs change nothing", () => {
  for (const name of names) {
    if (API_ROUTES[name].method !== "GET" && !["logout"].includes(name)) assert.equal(API_ROUTES[name].access, "operator", name);
  }
  for (const name of ["snapshotList", "labUp", "labDown", "offloadSet", "matrixRun", "captureRun", "captureStop", "diagnose", "experimentStart", "experimentCancel", "experimentSave", "snapshotSave", "snapshotImport", "snapshotRestore", "snapshotDelete"] as const)
    assert.ok(OPERATOR_ROUTES.includes(name), name);
});

test("no two routes share a method and path", () => {
  const keys = names.map((n) => `${API_ROUTES[n].method} ${API_ROUTES[n].path}`);
  assert.equal(new Set(keys).size, keys.length);
});
