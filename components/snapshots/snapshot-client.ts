"use client";
import type { GraphLayout } from "@/lib/snapshots/snapshot-format";
import { createApiClient } from "@/lib/api-client/api-client";
import { labApi } from "../labs/lab-client";

/**
 * The page's typed API client: same origin, the operator's session cookie (if any) goes with it.
 * A page opened through the viewer link says so, and the server then treats it as a viewer.
 */
export const api = createApiClient({ viewAsViewer: typeof window !== "undefined" && new URLSearchParams(window.location.search).get("view") === "viewer" });

export const snapshotUrls = {
  page: (id: string) => `/s/${encodeURIComponent(id)}`,
  export: (id: string) => `/api/snapshots/${encodeURIComponent(id)}/export`,
  compare: (a: string, b: string) => `/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
};

export const snapshotApi = {
  /** Saves the lab a page shows (`labId`; without it the default lab). */
  save: (title: string, description: string, layout: GraphLayout, labId?: string) => (labId ? labApi(labId) : api).snapshotSave({ body: { title, description, layout } }),
  list: () => api.snapshotList().then((b) => b.snapshots),
  get: (id: string, signal?: AbortSignal) => api.snapshotGet({ params: { id }, signal }),
  remove: (id: string) => api.snapshotDelete({ params: { id } }),
  /** The file's text goes as it is: the server checks it and says which field is wrong. */
  importFile: async (file: File) => api.snapshotImport({ rawBody: await file.text() }),
  /** A finished A/B experiment, saved with the lab as it is now (if any). */
  saveExperiment: (experimentId: string, title: string, description: string) => api.experimentSave({ params: { id: experimentId }, body: { title, description } }),
  restore: (id: string) => api.snapshotRestore({ params: { id } }),
  compare: (a: string, b: string, signal?: AbortSignal) => api.snapshotCompare({ query: { a, b }, signal }),
};
