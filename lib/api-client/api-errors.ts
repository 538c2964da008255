/** Every error the API answers is `{"error": {"code", "message"}}`; these read it defensively. */
function errorField(body: unknown, field: "code" | "message"): string | null {
  const error = typeof body === "object" && body !== null && "error" in body ? (body as { error: unknown }).error : null;
  const value = typeof error === "object" && error !== null && field in error ? (error as Record<string, unknown>)[field] : null;
  return typeof value === "string" && value ? value : null;
}

export function apiErrorMessage(body: unknown, status: number): string {
  return errorField(body, "message") ?? `HTTP ${status}`;
}

export function apiErrorCode(body: unknown): string {
  return errorField(body, "code") ?? "unknown";
}
