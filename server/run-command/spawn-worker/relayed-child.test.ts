import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import readline from "node:readline";
import { once } from "node:events";
import { spawnLongLived, useSpawnWorker } from "../run-command";

const projectRoot = path.resolve(import.meta.dirname, "../../..");

test("a long-lived program from the spawn worker: its stdin, stdout, stderr, exit code and signal cross the worker", async () => {
  const stop = await useSpawnWorker(projectRoot);
  try {
    const cat = spawnLongLived("/bin/cat", []);
    await once(cat, "spawn");
    assert.ok(cat.pid && cat.pid !== process.pid, "the program's own pid");
    const lines = readline.createInterface({ input: cat.stdout! });
    cat.stdin!.write("hello\n");
    assert.deepEqual(await once(lines, "line"), ["hello"]);
    cat.stdin!.end();
    assert.deepEqual(await once(cat, "exit"), [0, null]);

    const failing = spawnLongLived("/bin/sh", ["-c", "echo oops >&2; exit 3"]);
    let stderr = "";
    failing.stderr!.on("data", (d) => (stderr += d));
    assert.deepEqual(await once(failing, "exit"), [3, null]);
    assert.equal(stderr, "oops\n");

    const sleeper = spawnLongLived("/bin/sleep", ["30"]);
    await once(sleeper, "spawn");
    sleeper.kill("SIGKILL");
    assert.deepEqual(await once(sleeper, "exit"), [null, "SIGKILL"]);

    const missing = spawnLongLived("/nonexistent/program", []);
    const [err] = (await once(missing, "error")) as [Error];
    assert.match(err.message, /ENOENT/);
  } finally {
    stop();
  }
});

test("without a spawn worker the program is spawned here, the same way", async () => {
  const cat = spawnLongLived("/bin/cat", []);
  const lines = readline.createInterface({ input: cat.stdout! });
  cat.stdin!.write("here\n");
  assert.deepEqual(await once(lines, "line"), ["here"]);
  cat.stdin!.end();
  assert.deepEqual(await once(cat, "exit"), [0, null]);
});
