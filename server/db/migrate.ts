import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { DB_PROVIDER, type DbProvider } from "./prisma-client";
import { MIGRATIONS_TABLE_DDL, type AppliedMigration } from "./migrations-table";
import { splitSqlStatements } from "./split-sql";

export interface LocalMigration {
  name: string;
  script: string;
  /** sha256 of migration.sql in hex, exactly as `prisma migrate` records it. */
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Recorded in the database but absent from prisma/migrations (a newer build wrote them). */
  unknown: string[];
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export const checksumOf = (script: string) => createHash("sha256").update(script, "utf8").digest("hex");

/** prisma/migrations/<timestamp>_<name>/migration.sql, in name (= time) order. */
export async function readLocalMigrations(dir: string): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, script, checksum: checksumOf(script) };
    }),
  );
}

async function readApplied(db: PrismaClient): Promise<AppliedMigration[]> {
  return db.$queryRaw<AppliedMigration[]>`SELECT "migration_name", "checksum", "finished_at", "rolled_back_at" FROM "_prisma_migrations"`;
}

/** One migration and its `_prisma_migrations` row in one transaction: all of it or none. */
async function applyOne(db: PrismaClient, m: LocalMigration): Promise<void> {
  const statements = splitSqlStatements(m.script);
  await db.$transaction(async (tx) => {
    const id = randomUUID();
    await tx.$executeRaw`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "applied_steps_count") VALUES (${id}, ${m.checksum}, ${m.name}, ${new Date()}, 0)`;
    for (const sql of statements) await tx.$executeRawUnsafe(sql);
    await tx.$executeRaw`UPDATE "_prisma_migrations" SET "finished_at" = ${new Date()}, "applied_steps_count" = 1 WHERE "id" = ${id}`;
  }, { timeout: 30_000 });
}

/**
 * Brings the database up to prisma/migrations, writing the same `_prisma_migrations` rows as
 * `prisma migrate deploy` so the real CLI (where its engine is available) calls it up to date.
 */
export async function applyMigrations(db: PrismaClient, dir: string, provider: DbProvider = DB_PROVIDER): Promise<MigrationReport> {
  const local = await readLocalMigrations(dir);
  await db.$executeRawUnsafe(MIGRATIONS_TABLE_DDL[provider]);
  const rows = (await readApplied(db)).filter((r) => r.rolled_back_at === null);
  const failed = rows.find((r) => r.finished_at === null);
  if (failed)
    throw new MigrationError(`migration ${failed.migration_name} started earlier and did not finish; inspect the database, then mark it rolled back or delete its _prisma_migrations row`);
  const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const report: MigrationReport = { applied: [], alreadyApplied: [], unknown: [] };
  for (const m of local) {
    const recorded = done.get(m.name);
    if (recorded === undefined) {
      await applyOne(db, m);
      report.applied.push(m.name);
    } else if (recorded !== m.checksum) {
      throw new MigrationError(`migration ${m.name} was changed after it was applied (checksum ${recorded.slice(0, 12)}… in the database, ${m.checksum.slice(0, 12)}… on disk); never edit an applied migration, add a new one`);
    } else report.alreadyApplied.push(m.name);
  }
  const localNames = new Set(local.map((m) => m.name));
  report.unknown = [...done.keys()].filter((n) => !localNames.has(n));
  return report;
}
