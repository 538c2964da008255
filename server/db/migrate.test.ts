import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { openDatabase } from "./prisma-client";
import { applyMigrations, MigrationError } from "./migrate";

const repoMigrations = path.resolve(import.meta.dirname, "../../prisma/migrations");
const temps: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ovslab-migrate-"));
  temps.push(dir);
  return dir;
};
after(async () => Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))));

const addMigration = async (dir: string, name: string, sql: string) => {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, "migration.sql"), sql);
};
const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
};

describe("applyMigrations on a temporary SQLite file", () => {
  test("a fresh database gets the repo's migrations and Prisma's bookkeeping rows", async () => {
    const data = await tempDir();
    const db = openDatabase(data, "fresh.db");
    try {
      const report = await applyMigrations(db, repoMigrations);
      assert.ok(report.applied.length >= 1);
      assert.equal((await db.snapshot.count()), 0);
      const again = await applyMigrations(db, repoMigrations);
      assert.deepEqual(again.applied, []);
      assert.deepEqual(again.alreadyApplied, report.applied);
    } finally {
      await db.$disconnect();
    }
    const rows = rowsOf(path.join(data, "fresh.db"));
    const first = rows[0];
    const script = await readFile(path.join(repoMigrations, String(first.migration_name), "migration.sql"));
    assert.equal(first.checksum, createHash("sha256").update(script).digest("hex"));
    assert.notEqual(first.finished_at, null);
    assert.equal(first.rolled_back_at, null);
    assert.equal(first.applied_steps_count, 1);
    assert.match(String(first.id), /^[0-9a-f-]{36}$/);
  });

  test("an older database is upgraded: only the new migration runs and old data stays", async () => {
    const data = await tempDir();
    const migrations = await tempDir();
    await cp(repoMigrations, migrations, { recursive: true });
    const db = openDatabase(data, "old.db");
    try {
      await applyMigrations(db, migrations);
      await db.snapshot.create({ data: { id: "a", title: "t", description: "", labId: "s1", formatVersion: 1, createdAt: new Date(), document: "{}" } });
      await addMigration(migrations, "29990101000000_add_note", `-- AlterTable\nALTER TABLE "Snapshot" ADD COLUMN "note" TEXT NOT NULL DEFAULT 'x;y';\n`);
      const report = await applyMigrations(db, migrations);
      assert.deepEqual(report.applied, ["29990101000000_add_note"]);
      const rows = await db.$queryRawUnsafe<{ id: string; note: string }[]>(`SELECT "id", "note" FROM "Snapshot"`);
      assert.deepEqual(rows, [{ id: "a", note: "x;y" }]);
    } finally {
      await db.$disconnect();
    }
  });

  test("a failing migration leaves neither its changes nor a bookkeeping row", async () => {
    const data = await tempDir();
    const migrations = await tempDir();
    await cp(repoMigrations, migrations, { recursive: true });
    await addMigration(migrations, "29990101000000_broken", `CREATE TABLE "Half" ("id" TEXT);\nCREATE TABLE "Snapshot" ("id" TEXT);\n`);
    const db = openDatabase(data, "broken.db");
    try {
      await assert.rejects(applyMigrations(db, migrations));
      const tables = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" = 'Half'`);
      assert.deepEqual(tables, []);
    } finally {
      await db.$disconnect();
    }
    const names = rowsOf(path.join(data, "broken.db")).map((r) => r.migration_name);
    assert.ok(!names.includes("29990101000000_broken"));
  });

  test("an applied migration edited afterwards is refused by name", async () => {
    const data = await tempDir();
    const migrations = await tempDir();
    await cp(repoMigrations, migrations, { recursive: true });
    const db = openDatabase(data, "edited.db");
    try {
      const { applied } = await applyMigrations(db, migrations);
      const file = path.join(migrations, applied[0], "migration.sql");
      await writeFile(file, (await readFile(file, "utf8")) + "\n-- edited\n");
      await assert.rejects(applyMigrations(db, migrations), (err: unknown) => err instanceof MigrationError && err.message.includes(applied[0]));
    } finally {
      await db.$disconnect();
    }
  });
});
