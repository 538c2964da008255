import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { commandLine } from "./run-command";

test("a program in a namespace runs through nsenter, its arguments kept apart", () => {
  assert.deepEqual(commandLine("ip", ["link", "show"], "/run/netns/ovslab-x-c1"), ["nsenter", ["--net=/run/netns/ovslab-x-c1", "--", "ip", "link", "show"]]);
  assert.deepEqual(commandLine("ip", ["link", "show"]), ["ip", ["link", "show"]]);
  // A program run by its path (a build of this repository's) goes through nsenter the same way.
  assert.deepEqual(commandLine("socket-prober", [], "/proc/7/ns/net", "/x/socket-prober"), ["nsenter", ["--net=/proc/7/ns/net", "--", "/x/socket-prober"]]);
});

test("python3 is the system's own where it has one, not a shim first on PATH", () => {
  const [bin] = commandLine("python3", ["script.py"]);
  assert.equal(bin, existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
});

test("a program outside the allowlist is refused", () => {
  assert.throws(() => commandLine("sh" as never, ["-c", "id"]), /program not allowed: sh/);
});
