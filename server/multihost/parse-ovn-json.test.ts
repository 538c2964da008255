import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseNbctlRows } from "./parse-ovn-json";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

test("parseNbctlRows reads names and maps of ovn-nbctl --format=json", () => {
  assert.deepEqual(parseNbctlRows(fixture("nbctl-find-ports.json")), [{ name: "zz-c1" }]);
  assert.deepEqual(parseNbctlRows(fixture("nbctl-find-switches.json")), [{ name: "t1", external_ids: { "ovs-lab-lab": "zz" } }]);
  assert.deepEqual(parseNbctlRows(""), []);
});
