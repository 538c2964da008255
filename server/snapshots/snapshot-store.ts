import { randomBytes } from "node:crypto";
import path from "node:path";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import type { ServerConfig } from "../config/env";
import { openDatabase } from "../db/prisma-client";
import { applyMigrations } from "../db/migrate";
import {
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_ID_PATTERN,
  SNAPSHOT_VERSION,
  snapshotContentSchema,
  type Snapshot,
  type SnapshotContent,
  type SnapshotSummary,
} from "../../lib/snapshots/snapshot-format";
import { describeZodError } from "../../lib/lab-spec/schema";
import { LabError } from "../lab/lab-errors";
import { checkRoom, DEFAULT_SNAPSHOT_LIMITS, type SnapshotLimits, type SnapshotUsage } from "./snapshot-quota";

export interface SnapshotMeta {
  title: string;
  description: string;
  labId: string;
  createdAt: Date;
}

const summarySelect = { id: true, title: true, description: true, labId: true, createdAt: true, formatVersion: true } as const;
type SummaryRow = { id: string; title: string; description: string; labId: string; createdAt: Date; formatVersion: number };

const toSummary = (r: SummaryRow): SnapshotSummary => ({ ...r, createdAt: r.createdAt.toISOString() });

/** 128 random bits, base64url: the id is the capability for the read-only link, so it must not be guessable. */
export const newSnapshotId = () => randomBytes(16).toString("base64url");

/** The only code that touches snapshot rows: it takes and gives DTOs, checked with zod both ways. */
type Db = Pick<PrismaClient, "$queryRaw">;

async function usageOf(db: Db): Promise<SnapshotUsage> {
  const [row] = await db.$queryRaw<{ count: number | bigint; bytes: number | bigint }[]>`
    SELECT COUNT(*) AS count, COALESCE(SUM(LENGTH(CAST(document AS BLOB))), 0) AS bytes FROM "Snapshot"`;
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

export class SnapshotStore {
  private constructor(
    private readonly db: PrismaClient,
    readonly limits: SnapshotLimits,
  ) {}

  /** Opens `<dataDir>/ovs-lab.db` (made on first start) and applies prisma/migrations before any use. */
  static async open(config: Pick<ServerConfig, "dataDir" | "projectRoot"> & Partial<SnapshotLimits>, fileName?: string): Promise<SnapshotStore> {
    const db = openDatabase(config.dataDir, fileName);
    try {
      const report = await applyMigrations(db, path.join(config.projectRoot, "prisma", "migrations"));
      if (report.applied.length) console.log(`[ovs-lab] database: applied ${report.applied.join(", ")}`);
      if (report.unknown.length) console.warn(`[ovs-lab] database has migrations this build does not know: ${report.unknown.join(", ")}`);
    } catch (err) {
      await db.$disconnect();
      throw err;
    }
    return new SnapshotStore(db, {
      snapshotMaxCount: config.snapshotMaxCount ?? DEFAULT_SNAPSHOT_LIMITS.snapshotMaxCount,
      snapshotMaxBytes: config.snapshotMaxBytes ?? DEFAULT_SNAPSHOT_LIMITS.snapshotMaxBytes,
    });
  }

  /** Stores one snapshot in one transaction; nothing is stored when the content is not valid or the store is full (507). */
  async save(meta: SnapshotMeta, content: SnapshotContent): Promise<SnapshotSummary> {
    const checked = snapshotContentSchema.safeParse(content);
    if (!checked.success) throw new LabError("invalid", `snapshot: ${describeZodError(checked.error)}`);
    const document = JSON.stringify(checked.data);
    if (Buffer.byteLength(document) > MAX_SNAPSHOT_BYTES)
      throw new LabError("invalid", `the snapshot is ${Buffer.byteLength(document)} bytes; the limit is ${MAX_SNAPSHOT_BYTES} (an export must fit an import)`);
    const row = await this.db.$transaction(async (tx) => {
      // Counted in the same transaction as the insert: two saves at once cannot both take the last room.
      checkRoom(await usageOf(tx), Buffer.byteLength(document), this.limits);
      return tx.snapshot.create({ data: { id: newSnapshotId(), ...meta, formatVersion: SNAPSHOT_VERSION, document }, select: summarySelect });
    });
    return toSummary(row);
  }

  async list(labId?: string): Promise<SnapshotSummary[]> {
    const rows = await this.db.snapshot.findMany({ where: labId ? { labId } : {}, select: summarySelect, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
    return rows.map(toSummary);
  }

  /** Whether a snapshot exists, without reading its document (the /s/<id> page asks before it renders). */
  async has(id: string): Promise<boolean> {
    if (!SNAPSHOT_ID_PATTERN.test(id)) return false;
    return (await this.db.snapshot.findUnique({ where: { id }, select: { id: true } })) !== null;
  }

  async get(id: string): Promise<Snapshot> {
    const row = SNAPSHOT_ID_PATTERN.test(id) ? await this.db.snapshot.findUnique({ where: { id }, select: { ...summarySelect, document: true } }) : null;
    if (!row) throw new LabError("notFound", `no snapshot "${id}"`);
    const { document, ...summary } = row;
    const content = snapshotContentSchema.safeParse(JSON.parse(document));
    if (!content.success) throw new Error(`snapshot ${id} in the database does not match format ${summary.formatVersion}: ${describeZodError(content.error)}`);
    return { ...toSummary(summary), ...content.data };
  }

  async delete(id: string): Promise<void> {
    const { count } = SNAPSHOT_ID_PATTERN.test(id) ? await this.db.snapshot.deleteMany({ where: { id } }) : { count: 0 };
    if (count === 0) throw new LabError("notFound", `no snapshot "${id}"`);
  }

  /** How many snapshots are stored and their size, against the limits. */
  async usage(): Promise<SnapshotUsage & SnapshotLimits> {
    return { ...(await usageOf(this.db)), ...this.limits };
  }

  async count(): Promise<number> {
    return this.db.snapshot.count();
  }

  close(): Promise<void> {
    return this.db.$disconnect();
  }
}
