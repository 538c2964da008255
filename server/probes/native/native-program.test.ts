import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { nativeProgram } from "./native-program";

const NAME = "native-program-test";
const builds = path.resolve(import.meta.dirname, "../../../.cache/native");
const ours = async () => (existsSync(builds) ? (await readdir(builds)).filter((d) => d.startsWith(`${NAME}-`)) : []);
const program = (word: string) => `#include <stdio.h>\nconst char *helper_name = "test";\nint main(void) { puts("${word}"); return 0; }\n`;

test("a helper is built once per source, keeps its own name, and a changed source replaces the earlier build", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ovslab-native-"));
  try {
    const source = path.join(dir, "first.c");
    await writeFile(source, program("first"));
    const first = await nativeProgram(NAME, source);
    assert.equal(path.basename(first), NAME, "ps and the allowlist see the helper's own name");
    assert.match(path.basename(path.dirname(first)), new RegExp(`^${NAME}-[0-9a-f]{16}$`));
    assert.equal(execFileSync(first, { encoding: "utf8" }), "first\n");
    assert.equal(await nativeProgram(NAME, source), first, "asked again, the same build");

    // The source changed (here: another file, as a later server start would read it): a new build, and the earlier one goes.
    const changed = path.join(dir, "second.c");
    await writeFile(changed, program("second"));
    const second = await nativeProgram(NAME, changed);
    assert.notEqual(second, first);
    assert.equal(execFileSync(second, { encoding: "utf8" }), "second\n");
    assert.deepEqual(await ours(), [path.basename(path.dirname(second))], "only the newest build is kept");
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const d of await ours()) await rm(path.join(builds, d), { recursive: true, force: true });
  }
});

test("a source the compiler refuses rejects with its words, and nothing is left behind", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "ovslab-native-"));
  try {
    const source = path.join(dir, "broken.c");
    await writeFile(source, "int main(void) { return nope; }\n");
    await assert.rejects(nativeProgram(NAME, source), /nope/);
    assert.deepEqual(await ours(), [], "no program, no temporary file, no directory");
  } finally {
    await rm(dir, { recursive: true, force: true });
    for (const d of await ours()) await rm(path.join(builds, d), { recursive: true, force: true });
  }
});
