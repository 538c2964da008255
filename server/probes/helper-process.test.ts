import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { holdWhileBusy } from "./helper-process";

test("a helper holds the process open while busy and lets it go when idle, each change once", () => {
  const calls: string[] = [];
  const handle = (name: string) => ({ ref: () => calls.push(`${name}.ref`), unref: () => calls.push(`${name}.unref`) });
  const child = { ...handle("child"), stdin: handle("stdin"), stdout: handle("stdout"), stderr: null } as unknown as ChildProcess;
  const hold = holdWhileBusy(child);
  hold(false);
  assert.deepEqual(calls.splice(0), ["child.unref", "stdin.unref", "stdout.unref"]);
  hold(false);
  assert.deepEqual(calls.splice(0), [], "no change, no call");
  hold(true);
  assert.deepEqual(calls.splice(0), ["child.ref", "stdin.ref", "stdout.ref"]);
});
