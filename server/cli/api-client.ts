export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export interface ApiClient {
  url: string;
  get<T = unknown>(path: string): Promise<ApiAnswer<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  del<T = unknown>(path: string): Promise<ApiAnswer<T>>;
  /** The raw body, for downloads. */
  raw(path: string): Promise<{ status: number; text: string }>;
}

export function httpApiClient(url: string): ApiClient {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const res = await fetch(url + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    url,
    get: (p) => call("GET", p),
    post: (p, b) => call("POST", p, b),
    del: (p) => call("DELETE", p),
    raw: async (p) => {
      const res = await fetch(url + p);
      return { status: res.status, text: await res.text() };
    },
  };
}

export async function serverAnswers(url: string): Promise<boolean> {
  return fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1500) }).then((r) => r.ok, () => false);
}

/** Throws the server's own error message for a non-2xx answer. */
export function expectOk<T>(answer: ApiAnswer<T>): T {
  if (answer.status >= 200 && answer.status < 300) return answer.body;
  const message = (answer.body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${answer.status}`;
  throw new CliError(message);
}

export class CliError extends Error {}
