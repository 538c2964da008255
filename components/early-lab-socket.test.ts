import { test } from "node:test";
import assert from "node:assert/strict";
import { labOfPath } from "./early-lab-socket";

test("the page's lab from its address: the default lab at /, the lab of /labs/<id> and its pages; none elsewhere", () => {
  assert.deepEqual(labOfPath("/"), { labId: undefined });
  assert.deepEqual(labOfPath("/labs/st-ada"), { labId: "st-ada" });
  assert.deepEqual(labOfPath("/labs/st-ada/present"), { labId: "st-ada" });
  assert.deepEqual(labOfPath("/labs/a%20b"), { labId: "a b" });
  for (const other of ["/labs", "/labs/", "/snapshots", "/s/abc", "/experiment", "/classes/x"]) assert.equal(labOfPath(other), null, other);
});
