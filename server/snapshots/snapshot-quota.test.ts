import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { SnapshotStore } from "./snapshot-store";
import { checkRoom } from "./snapshot-quota";
import { LAB_ERROR_CODES, LabError } from "../lab/lab-errors";
import { recordedSnapshot } from "../../lib/snapshots/fixture";
import type { SnapshotContent } from "../../lib/snapshots/snapshot-format";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const temps: string[] = [];
after(async () => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));
async function openTemp(limits: { snapshotMaxCount?: number; snapshotMaxBytes?: number }): Promise<SnapshotStore> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "ovslab-quota-"));
  temps.push(dataDir);
  return SnapshotStore.open({ dataDir, projectRoot, ...limits });
}
const content = (): SnapshotContent => {
  const { format: _f, version: _v, title: _t, description: _d, labId: _l, createdAt: _c, ...rest } = recordedSnapshot();
  return rest;
};
const meta = { title: "t", description: "d", labId: "s2", createdAt: new Date("2026-11-25T19:32:06.355Z") };
const isStorageFull = (pattern: RegExp) => (err: unknown) =>
  err instanceof LabError && err.code === "storageFull" && LAB_ERROR_CODES[err.code] === 507 && pattern.test(err.message);

test("the store keeps at most snapshotMaxCount snapshots; deleting one makes room", async () => {
  const store = await openTemp({ snapshotMaxCount: 2 });
  try {
    const first = await store.save(meta, content());
    await store.save(meta, content());
    await assert.rejects(store.save(meta, content()), isStorageFull(/holds 2 snapshots.*Delete snapshots to make room/));
    assert.equal(await store.count(), 2, "nothing partial is stored");
    await store.delete(first.id);
    await store.save(meta, content());
    assert.equal(await store.count(), 2);
  } finally {
    await store.close();
  }
});

test("the store keeps at most snapshotMaxBytes of documents", async () => {
  const one = Buffer.byteLength(JSON.stringify(content()));
  const store = await openTemp({ snapshotMaxBytes: Math.floor(one * 1.5) });
  try {
    await store.save(meta, content());
    const usage = await store.usage();
    assert.equal(usage.count, 1);
    assert.ok(usage.bytes >= one * 0.9 && usage.bytes <= one * 1.1, `${usage.bytes} vs ${one}`);
    await assert.rejects(store.save(meta, content()), isStorageFull(/OVSLAB_SNAPSHOT_MAX_BYTES/));
    assert.equal(await store.count(), 1);
  } finally {
    await store.close();
  }
});

test("concurrent saves cannot both take the last place", async () => {
  const store = await openTemp({ snapshotMaxCount: 3 });
  try {
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => store.save(meta, content())));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 3);
    assert.equal(await store.count(), 3);
  } finally {
    await store.close();
  }
});

test("defaults: 500 snapshots and 200 MiB", async () => {
  const store = await openTemp({});
  try {
    assert.deepEqual(store.limits, { snapshotMaxCount: 500, snapshotMaxBytes: 200 * 1024 * 1024 });
  } finally {
    await store.close();
  }
  assert.doesNotThrow(() => checkRoom({ count: 499, bytes: 0 }, 10, store.limits));
  assert.throws(() => checkRoom({ count: 500, bytes: 0 }, 10, store.limits), /holds 500 snapshots/);
});
