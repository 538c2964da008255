"use client";
import type { GraphLayout, Snapshot, SnapshotSummary } from "@/lib/snapshots/snapshot-format";
import { apiErrorMessage, type RestoreOutcome, type SnapshotComparison } from "@/lib/snapshots/snapshot-api-types";

/** One call to the snapshot API; a refusal becomes an Error carrying the server's own message. */
async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, { cache: "no-store", ...init });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(apiErrorMessage(body, res.status));
  return body as T;
}

const json = (method: string, body: unknown): RequestInit => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const at = (id: string) => `/api/snapshots/${encodeURIComponent(id)}`;

export const snapshotUrls = {
  page: (id: string) => `/s/${encodeURIComponent(id)}`,
  export: (id: string) => `${at(id)}/export`,
  compare: (a: string, b: string) => `/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
};

export const snapshotApi = {
  save: (title: string, description: string, layout: GraphLayout) => call<{ id: string }>("/api/snapshots", json("POST", { title, description, layout })),
  list: () => call<{ snapshots: SnapshotSummary[] }>("/api/snapshots").then((b) => b.snapshots),
  get: (id: string, signal?: AbortSignal) => call<Snapshot>(at(id), { signal }),
  remove: (id: string) => call<{ id: string; deleted: true }>(at(id), { method: "DELETE" }),
  /** The file's text goes as it is: the server checks it and says which field is wrong. */
  importFile: async (file: File) => call<{ id: string }>("/api/snapshots/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() }),
  /** A finished A/B experiment, saved with the lab as it is now (if any). */
  saveExperiment: (experimentId: string, title: string, description: string) =>
    call<{ id: string }>(`/api/experiments/${encodeURIComponent(experimentId)}/snapshot`, json("POST", { title, description })),
  restore: (id: string) => call<RestoreOutcome>(`${at(id)}/restore`, json("POST", {})),
  compare: (a: string, b: string, signal?: AbortSignal) =>
    call<SnapshotComparison>(`/api/snapshots/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`, { signal }),
};
