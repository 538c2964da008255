"use client";
import { createApiClient, type ApiClient } from "@/lib/api-client/api-client";

const viewAsViewer = () => typeof window !== "undefined" && new URLSearchParams(window.location.search).get("view") === "viewer";
const clients = new Map<string, ApiClient>();

/**
 * The typed API client of one lab's pages: its lab-scoped routes go to /api/labs/<labId>/…; without an id,
 * the default lab. Same origin, with the page's session cookie; a page opened with ?view=viewer says so.
 */
export function labApi(labId?: string): ApiClient {
  const key = `${labId ?? ""}|${viewAsViewer()}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = createApiClient({ labId, viewAsViewer: viewAsViewer() })));
  return client;
}

export const labUrls = {
  lab: (labId: string) => `/labs/${encodeURIComponent(labId)}`,
  present: (labId: string) => `/labs/${encodeURIComponent(labId)}/present`,
  classPage: (classId: string) => `/classes/${encodeURIComponent(classId)}`,
};
