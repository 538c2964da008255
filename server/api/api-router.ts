import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { LAB_ERROR_CODES, LabError } from "../lab/lab-errors";
import { HttpError, sendError, sendJson } from "./http-io";

export interface RouteRequest {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
}
type Handler = (r: RouteRequest) => Promise<unknown>;
interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler;
}

/** A small method+path router for /api; every handler's answer is JSON. */
export class ApiRouter {
  private readonly routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = [];
    const pattern = new RegExp(
      "^" + path.replace(/:([a-zA-Z]+)/g, (_, key: string) => (keys.push(key), "([^/]+)")) + "/?$",
    );
    this.routes.push({ method, pattern, keys, handler });
    return this;
  }

  /** true when the request was an /api request (answered here), false to pass it on. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (!url.pathname.startsWith("/api/") && url.pathname !== "/api") return false;
    const matches = this.routes.filter((r) => r.pattern.test(url.pathname));
    const route = matches.find((r) => r.method === req.method);
    if (!route) {
      if (matches.length) sendError(res, 405, "method-not-allowed", `${req.method} is not allowed here; use ${matches.map((m) => m.method).join(" or ")}`);
      else sendError(res, 404, "not-found", `no API route ${url.pathname}`);
      return true;
    }
    const values = route.pattern.exec(url.pathname)!.slice(1);
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i])]));
    } catch {
      sendError(res, 400, "bad-path", "the path has a malformed %-escape");
      return true;
    }
    try {
      const body = await route.handler({ req, params, query: url.searchParams });
      if (body instanceof Response) {
        res.writeHead(body.status, Object.fromEntries(body.headers));
        res.end(Buffer.from(await body.arrayBuffer()));
      } else sendJson(res, 200, body);
    } catch (err) {
      answerError(res, err);
    }
    return true;
  }
}

function answerError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message);
  if (err instanceof LabError) return sendError(res, LAB_ERROR_CODES[err.code], err.code, err.message);
  if (err instanceof z.ZodError)
    return sendError(res, 400, "invalid", err.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; "));
  console.error("[api]", err);
  sendError(res, 500, "internal", err instanceof Error ? err.message : String(err));
}
