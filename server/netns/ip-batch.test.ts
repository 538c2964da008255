import { test } from "node:test";
import assert from "node:assert/strict";
import { ipBatch } from "./ip-batch";

test("ipBatch refuses an argument ip -batch would split or read as a comment", async () => {
  for (const bad of ["a b", "x\nlink del dev eth0", "#c", 'q"', ""])
    await assert.rejects(ipBatch([["link", "set", "dev", bad, "up"]]), /not a plain word/);
});

test("ipBatch with nothing to do spawns nothing", async () => {
  await ipBatch([]);
});
