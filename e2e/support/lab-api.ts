import type { LabSpec } from "../../lib/lab-spec/schema";

async function post(baseUrl: string, route: string, body: unknown): Promise<unknown> {
  const res = await fetch(new URL(route, baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    // A lab up or down that never answers must fail the test or bench, not hang it.
    signal: AbortSignal.timeout(180_000),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`POST ${route} answered ${res.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** Brings a lab up through the real server's HTTP API. */
export function labUp(baseUrl: string, spec: LabSpec): Promise<unknown> {
  return post(baseUrl, "/api/lab/up", { spec });
}

export function labDown(baseUrl: string): Promise<unknown> {
  return post(baseUrl, "/api/lab/down", {});
}

/** Waits until the server answers /api/health. */
export async function waitForServer(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(new URL("/api/health", baseUrl)).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${baseUrl} did not answer /api/health within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
