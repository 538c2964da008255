import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../lib/generated/prisma/client";

/** The one line that names the database engine; see docs/snapshots.md for PostgreSQL. */
export const DB_PROVIDER = "sqlite" as const;
export type DbProvider = typeof DB_PROVIDER | "postgresql";

export const DB_FILE_NAME = "ovs-lab.db";

/** A Prisma client on `<dataDir>/ovs-lab.db`; the directory and the file are made when missing. */
export function openDatabase(dataDir: string, fileName = DB_FILE_NAME): PrismaClient {
  mkdirSync(dataDir, { recursive: true });
  const adapter = new PrismaBetterSqlite3({ url: path.join(dataDir, fileName) });
  return new PrismaClient({ adapter });
}
