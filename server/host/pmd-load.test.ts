import { test } from "node:test";
import assert from "node:assert/strict";
import { parseThreadTicks } from "./pmd-load";

test("user and system ticks are read after the command name, even one with spaces and parentheses", () => {
  // Recorded from /proc/<ovs-vswitchd>/task/<pmd>/stat on the lab host, with the name made awkward.
  const stat = "6316 (pmd c01) (x)) S 1 3729 3729 0 -1 4194368 215 0 0 0 5249 118 0 0 20 0 20 0 7125 2853072896 11370 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 -1 1 0 0 0 0 0 0 0 0 0 0 0 0 0";
  assert.equal(parseThreadTicks(stat), 5249 + 118);
});
