import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readTokenFile, resolveOperatorToken, tokenFilePath } from "./operator-token";

async function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ovslab-token-"));
  try {
    await body(path.join(dir, "data"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test("without OVSLAB_TOKEN a token of 256 random bits is made once, kept 0600, and reused", () =>
  withDir(async (dir) => {
    const first = await resolveOperatorToken(dir, null);
    assert.equal(first.source, "generated");
    assert.ok(Buffer.from(first.token, "base64url").length >= 16);
    assert.equal((await stat(tokenFilePath(dir))).mode & 0o777, 0o600);
    const again = await resolveOperatorToken(dir, null);
    assert.deepEqual([again.source, again.token], ["file", first.token]);
    assert.equal(await readTokenFile(dir), first.token);
    assert.notEqual((await resolveOperatorToken(`${dir}2`, null)).token, first.token);
    await rm(`${dir}2`, { recursive: true, force: true });
  }));

test("OVSLAB_TOKEN wins and must not be short", () =>
  withDir(async (dir) => {
    assert.equal((await resolveOperatorToken(dir, "a-long-enough-token")).source, "env");
    await assert.rejects(resolveOperatorToken(dir, "short"), /at least 16 characters/);
  }));

test("a token file loosened by hand is tightened again; a too-short one is replaced", () =>
  withDir(async (dir) => {
    const { token } = await resolveOperatorToken(dir, null);
    await writeFile(tokenFilePath(dir), token, { mode: 0o644 });
    await resolveOperatorToken(dir, null);
    assert.equal((await stat(tokenFilePath(dir))).mode & 0o777, 0o600);
    await writeFile(tokenFilePath(dir), "x");
    const fresh = await resolveOperatorToken(dir, null);
    assert.equal(fresh.source, "generated");
  }));
