import { after, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SnapshotStore } from "./snapshot-store";
import { recordedSnapshot } from "../../lib/snapshots/fixture";
import type { SnapshotContent } from "../../lib/snapshots/snapshot-format";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
after(async () => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));
async function openTemp(): Promise<{ store: SnapshotStore; dataDir: string }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ovslab-store-"));
  temps.push(dataDir);
  return { store: await SnapshotStore.open({ dataDir, projectRoot }), dataDir };
}
const content = (): SnapshotContent => {
  const { format: _f, version: _v, title: _t, description: _d, labId: _l, createdAt: _c, ...rest } = recordedSnapshot();
  return rest;
};
const meta = { title: "t", description: "d", labId: "s2", createdAt: new Date("2026-11-25T19:32:06.355Z") };

test("save, list, get and delete give DTOs, never rows", async () => {
  const { store } = await openTemp();
  try {
    const saved = await store.save(meta, content());
    assert.match(saved.id, /^[A-Za-z0-9_-]{22}$/);
    assert.deepEqual(await store.list(), [{ ...saved }]);
    const got = await store.get(saved.id);
    assert.equal(got.createdAt, "2026-11-25T19:32:06.355Z");
    const { id: _i, title: _t, description: _d, labId: _l, createdAt: _c, formatVersion: _v, ...stored } = got;
    assert.deepEqual(stored, content());
    await store.delete(saved.id);
    await assert.rejects(store.get(saved.id), /no snapshot/);
    await assert.rejects(store.delete(saved.id), /no snapshot/);
  } finally {
    await store.close();
  }
});

test("content that fails the schema stores nothing", async () => {
  const { store } = await openTemp();
  try {
    const bad = content();
    (bad.topology.interfaces[0] as { up: unknown }).up = "yes";
    await assert.rejects(store.save(meta, bad), /topology\.interfaces\.0\.up/);
    assert.equal(await store.count(), 0);
  } finally {
    await store.close();
  }
});

test("a process killed in the middle of a save leaves no partial snapshot and a sound database", async () => {
  const { store, dataDir } = await openTemp();
  await store.close();
  // The child inserts inside a transaction and is SIGKILLed before it commits.
  const child = `
    const { openDatabase } = await import(${JSON.stringify(path.join(projectRoot, "server/db/prisma-client.ts"))});
    const db = openDatabase(${JSON.stringify(dataDir)});
    await db.$transaction(async (tx) => {
      await tx.snapshot.create({ data: { id: "AAAAAAAAAAAAAAAAAAAAAA", title: "half", description: "", labId: "s2", formatVersion: 1, createdAt: new Date(), document: "{}" } });
      process.kill(process.pid, "SIGKILL");
      await new Promise((r) => setTimeout(r, 10_000));
    });`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", child], { cwd: projectRoot, encoding: "utf8", timeout: 30_000 });
  assert.equal(r.signal, "SIGKILL", r.stderr);
  const reopened = await SnapshotStore.open({ dataDir, projectRoot });
  try {
    assert.equal(await reopened.count(), 0);
    const saved = await reopened.save(meta, content());
    assert.deepEqual((await reopened.list()).map((s) => s.id), [saved.id]);
  } finally {
    await reopened.close();
  }
});
