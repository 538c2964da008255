import {
  MAX_SNAPSHOT_BYTES,
  parseSnapshotFile,
  restoreRequestSchema,
  saveSnapshotRequestSchema,
  toSnapshotFile,
  type Snapshot,
} from "../../lib/snapshots/snapshot-format";
import { compareSnapshots } from "../../lib/snapshots/compare-snapshots";
import type { ApiRouter } from "./api-router";
import { HttpError, readJsonBody } from "./http-io";
import type { HostContext } from "../host/host-context";
import type { LabService } from "../lab/lab-service";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import { captureSnapshot } from "../snapshots/capture-snapshot";
import { restoreSnapshot } from "../snapshots/restore-snapshot";

/** Snapshots: save, list, read, delete, export, import, restore, compare. Fixed paths come before /:id. */
export function addSnapshotRoutes(router: ApiRouter, ctx: HostContext, lab: LabService, store: SnapshotStore): void {
  router
    .add("GET", "/api/snapshots/compare", async ({ query }) => {
      const a = query.get("a");
      const b = query.get("b");
      if (!a || !b) throw new HttpError(400, "invalid", "give two snapshot ids: /api/snapshots/compare?a=ID&b=ID");
      const [sa, sb] = await Promise.all([store.get(a), store.get(b)]);
      const brief = (s: Snapshot) => ({ id: s.id, title: s.title, labId: s.labId, createdAt: s.createdAt });
      return { a: brief(sa), b: brief(sb), ...compareSnapshots(sa, sb) };
    })
    .add("POST", "/api/snapshots/import", async ({ req }) => {
      const parsed = parseSnapshotFile(await readJsonBody(req, MAX_SNAPSHOT_BYTES));
      if (!parsed.ok) throw new HttpError(400, "invalid-snapshot", `not an ovs-lab snapshot file: ${parsed.error}`);
      const { format: _f, version: _v, title, description, labId, createdAt, ...content } = parsed.value;
      const saved = await store.save({ title, description, labId, createdAt: new Date(createdAt) }, content);
      return { id: saved.id };
    })
    .add("POST", "/api/snapshots", async ({ req }) => {
      const body = saveSnapshotRequestSchema.parse(await readJsonBody(req));
      const content = await captureSnapshot(ctx, lab, body.layout);
      const saved = await store.save({ title: body.title, description: body.description, labId: lab.labId, createdAt: new Date() }, content);
      return { id: saved.id };
    })
    .add("GET", "/api/snapshots", async () => ({ snapshots: await store.list() }))
    .add("GET", "/api/snapshots/:id/export", async ({ params }) => {
      const snapshot = await store.get(params.id);
      return new Response(JSON.stringify(toSnapshotFile(snapshot), null, 2) + "\n", {
        headers: {
          "content-type": "application/json; charset=utf-8",
          "content-disposition": `attachment; filename="ovs-lab-${snapshot.labId}-${snapshot.id}.json"`,
          "cache-control": "no-store",
        },
      });
    })
    .add("POST", "/api/snapshots/:id/restore", async ({ req, params }) => {
      const body = restoreRequestSchema.parse(await readJsonBody(req));
      const snapshot = await store.get(params.id);
      return restoreSnapshot(lab, snapshot, { timeoutMs: body.timeoutMs ?? ctx.config.probeTimeoutMs, subnet: body.subnet });
    })
    .add("GET", "/api/snapshots/:id", ({ params }) => store.get(params.id))
    .add("DELETE", "/api/snapshots/:id", async ({ params }) => {
      await store.delete(params.id);
      return { id: params.id, deleted: true };
    });
}
