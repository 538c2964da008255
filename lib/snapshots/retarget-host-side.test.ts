import { test } from "node:test";
import assert from "node:assert/strict";
import { mapInterfaceId } from "./retarget-snapshot";

test("a multi-host lab's host end keeps its host and moves its lab prefix; other names inside a host stay", () => {
  const [from, to] = [{ labId: "mhg", bridge: "" }, { labId: "mhe", bridge: "" }];
  assert.equal(mapInterfaceId("host:a:mhg-c1", from, to), "host:a:mhe-c1");
  assert.equal(mapInterfaceId("host:b:ul0", from, to), "host:b:ul0");
  assert.equal(mapInterfaceId("c1:eth0", from, to), "c1:eth0");
});
