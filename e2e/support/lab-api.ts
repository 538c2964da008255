import type { LabSpec } from "../../lib/lab-spec/schema";
import { operatorApi } from "./fixtures";

// A lab up or down that never answers must fail the test or bench, not hang it.
const LAB_CHANGE_TIMEOUT_MS = 180_000;

/** Brings a lab up through the real server's HTTP API, as the operator. */
export function labUp(baseUrl: string, spec: LabSpec, token?: string): Promise<unknown> {
  return operatorApi(baseUrl, token).labUp({ body: { spec }, timeoutMs: LAB_CHANGE_TIMEOUT_MS });
}

export function labDown(baseUrl: string, token?: string): Promise<unknown> {
  return operatorApi(baseUrl, token).labDown({ timeoutMs: LAB_CHANGE_TIMEOUT_MS });
}

/** Waits until the server answers /api/health. */
export async function waitForServer(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(new URL("/api/health", baseUrl)).then((r) => r.ok || r.status === 503, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not answer /api/health within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
