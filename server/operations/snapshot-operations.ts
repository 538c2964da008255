import { z } from "zod";
import { parseSnapshotFile, restoreRequestSchema, saveSnapshotRequestSchema, toSnapshotFile, type Snapshot } from "../../lib/snapshots/snapshot-format";
import { compareSnapshots } from "../../lib/snapshots/compare-snapshots";
import { LabError } from "../lab/lab-errors";
import { captureSnapshot } from "../snapshots/capture-snapshot";
import { restoreSnapshot } from "../snapshots/restore-snapshot";
import { noInput } from "./lab-operations";
import { defineOperation } from "./operation";

/** Any string: an id that is not one answers 404, exactly like an unknown one (ids are capabilities). */
const snapshotId = z.string().max(64);

export const snapshotSave = defineOperation({
  name: "snapshot save",
  access: "operator",
  input: saveSnapshotRequestSchema,
  run: async ({ ctx, lab, snapshots }, body) => {
    const content = await captureSnapshot(ctx, lab, body.layout);
    const saved = await snapshots.save({ title: body.title, description: body.description, labId: lab.labId, createdAt: new Date() }, content);
    return { id: saved.id };
  },
});

/** The list hands out every id, and an id is the read-only link's capability: the operator's only. */
export const snapshotList = defineOperation({
  name: "snapshot list",
  access: "operator",
  input: noInput,
  run: async ({ snapshots }) => ({ snapshots: await snapshots.list() }),
});

export const snapshotGet = defineOperation({
  name: "snapshot",
  access: "viewer",
  input: z.object({ id: snapshotId }).strict(),
  run: ({ snapshots }, { id }) => snapshots.get(id),
});

export const snapshotExport = defineOperation({
  name: "snapshot export",
  access: "viewer",
  input: z.object({ id: snapshotId }).strict(),
  run: async ({ snapshots }, { id }) => {
    const snapshot = await snapshots.get(id);
    return { fileName: `ovs-lab-${snapshot.labId}-${snapshot.id}.json`, text: JSON.stringify(toSnapshotFile(snapshot), null, 2) + "\n" };
  },
});

export const snapshotImport = defineOperation({
  name: "snapshot import",
  access: "operator",
  input: z.object({ file: z.unknown() }).strict(),
  run: async ({ snapshots }, { file }) => {
    const parsed = parseSnapshotFile(file);
    if (!parsed.ok) throw new LabError("invalid", `not an ovs-lab snapshot file: ${parsed.error}`);
    const { format: _f, version: _v, title, description, labId, createdAt, ...content } = parsed.value;
    const saved = await snapshots.save({ title, description, labId, createdAt: new Date(createdAt) }, content);
    return { id: saved.id };
  },
});

export const snapshotRestore = defineOperation({
  name: "snapshot restore",
  access: "operator",
  input: z.object({ id: snapshotId, options: restoreRequestSchema }).strict(),
  run: async ({ ctx, lab, snapshots }, { id, options }) => {
    const snapshot = await snapshots.get(id);
    // The rebuild, the offload and the re-run hold the lab's turn: no other up or down interleaves.
    return lab.exclusive(`restore ${id} ${JSON.stringify(options)}`, () =>
      restoreSnapshot(lab, snapshot, { timeoutMs: options.timeoutMs ?? ctx.config.probeTimeoutMs, subnet: options.subnet }),
    );
  },
});

export const snapshotDelete = defineOperation({
  name: "snapshot delete",
  access: "operator",
  input: z.object({ id: snapshotId }).strict(),
  run: async ({ snapshots }, { id }) => {
    await snapshots.delete(id);
    return { id, deleted: true as const };
  },
});

/** Whoever holds both ids may compare them: it reveals nothing the two links do not. */
export const snapshotCompare = defineOperation({
  name: "snapshot compare",
  access: "viewer",
  input: z.object({ a: snapshotId.min(1, "give two snapshot ids: ?a=ID&b=ID"), b: snapshotId.min(1, "give two snapshot ids: ?a=ID&b=ID") }).strict(),
  run: async ({ snapshots }, { a, b }) => {
    const [sa, sb] = await Promise.all([snapshots.get(a), snapshots.get(b)]);
    const brief = (s: Snapshot) => ({ id: s.id, title: s.title, labId: s.labId, createdAt: s.createdAt });
    return { a: brief(sa), b: brief(sb), ...compareSnapshots(sa, sb) };
  },
});
