import type { z } from "zod";
import { labScopedPath } from "../contracts/labs";
import { API_ROUTES, LAB_ROUTES, routePath, type ApiRoutes, type JsonBody, type PathParams, type RouteName, type RouteOutput } from "../contracts/api-routes";
import { apiErrorCode, apiErrorMessage } from "./api-errors";

/** A refusal or failure of the API, with the server's own status, code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type ParamsArg<R> = R extends { path: infer P extends string } ? ([PathParams<P>] extends [never] ? unknown : { params: Record<PathParams<P>, string> }) : unknown;
type BodyArg<R> = R extends { body: JsonBody<infer S> } ? { body?: z.input<S>; rawBody?: string } : unknown;
export type CallArgs<N extends RouteName> = ParamsArg<ApiRoutes[N]> &
  BodyArg<ApiRoutes[N]> & { query?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number };
type MaybeArgs<N extends RouteName> = object extends CallArgs<N> ? [args?: CallArgs<N>] : [args: CallArgs<N>];

export interface ApiClientOptions {
  /** "" in the browser (same origin), "http://127.0.0.1:3000" elsewhere. */
  baseUrl?: string;
  /** The operator token (CLI, tests); pages rely on the HttpOnly session cookie instead. */
  token?: string | null;
  /** Ask to be treated as a viewer even with the operator's session (the viewer link). */
  viewAsViewer?: boolean;
  /** The lab the lab-scoped routes are about (/api/labs/<labId>/…); absent: the server's default lab. */
  labId?: string;
  fetch?: typeof fetch;
}

export type ApiClient = { [N in RouteName]: (...args: MaybeArgs<N>) => Promise<RouteOutput<N>> } & {
  /** The raw response, for downloads and for tests that look at statuses. */
  response: <N extends RouteName>(name: N, ...args: MaybeArgs<N>) => Promise<Response>;
  readonly baseUrl: string;
};

interface LooseArgs {
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** One typed client for every caller of the HTTP API: the pages, the CLI, the tests and the bench. */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  const response = (name: RouteName, args: LooseArgs = {}): Promise<Response> => {
    const route = API_ROUTES[name];
    const query = args.query ? `?${new URLSearchParams(args.query)}` : "";
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.viewAsViewer) headers["x-ovslab-view"] = "viewer";
    let body: string | undefined;
    if (route.method !== "GET") {
      // Every change is JSON: the server refuses anything else (no cross-site form posts).
      headers["content-type"] = "application/json";
      body = args.rawBody ?? JSON.stringify(args.body ?? {});
    }
    const signals = [args.signal, args.timeoutMs ? AbortSignal.timeout(args.timeoutMs) : undefined].filter((s): s is AbortSignal => !!s);
    const path = routePath(route.path, args.params);
    const scoped = options.labId !== undefined && LAB_ROUTES.has(name) ? labScopedPath(options.labId, path) : path;
    return doFetch(baseUrl + scoped + query, {
      method: route.method,
      headers,
      body,
      cache: "no-store",
      signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
    });
  };

  const call = async (name: RouteName, args?: LooseArgs): Promise<unknown> => {
    const res = await response(name, args);
    if (API_ROUTES[name].download && res.ok) return res.blob();
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null; // not JSON (a proxy's error page): the status says what happened
    }
    if (!res.ok) throw new ApiError(res.status, apiErrorCode(parsed), apiErrorMessage(parsed, res.status));
    return parsed;
  };

  const client: Record<string, unknown> = {
    baseUrl,
    response: (name: RouteName, args?: LooseArgs) => response(name, args),
  };
  for (const name of Object.keys(API_ROUTES) as RouteName[]) client[name] = (args?: LooseArgs) => call(name, args);
  return client as ApiClient;
}
