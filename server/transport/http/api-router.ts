import type { IncomingMessage, ServerResponse } from "node:http";
import { API_ROUTES, type RouteName } from "../../../lib/contracts/api-routes";
import type { Caller } from "../../auth/caller";
import { invoke } from "../../operations/operation";
import { LAB_ROUTES } from "../../../lib/contracts/api-routes";
import { servicesFor, type LabServices, type ServerServices } from "../../operations/lab-services";
import { errorAnswer } from "../error-answer";
import { HTTP_BINDINGS, type HttpReply } from "./http-bindings";
import { HttpError, readJsonBody, sendError, sendJson } from "./http-io";

interface CompiledRoute {
  name: RouteName;
  method: string;
  pattern: RegExp;
  keys: string[];
}

const compiled: CompiledRoute[] = (Object.keys(API_ROUTES) as RouteName[]).map((name) => {
  const keys: string[] = [];
  const source = API_ROUTES[name].path.replace(/:([a-zA-Z]+)/g, (_, key: string) => (keys.push(key), "([^/]+)"));
  return { name, method: API_ROUTES[name].method, pattern: new RegExp(`^${source}/?$`), keys };
});

function decodeParams(route: CompiledRoute, pathname: string): Record<string, string> {
  const values = route.pattern.exec(pathname)!.slice(1);
  try {
    return Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(values[i])]));
  } catch {
    throw new HttpError(400, "bad-path", "the path has a malformed %-escape");
  }
}

/** `/api/labs/<labId>/topology` is the lab-scoped form of `/api/topology`: its lab id and the plain path. */
const LAB_SCOPED = /^\/api\/labs\/([^/]+)(\/.+)$/;

function labScope(pathname: string): { labId: string | undefined; pathname: string } {
  const scoped = LAB_SCOPED.exec(pathname);
  if (scoped) {
    const plain = `/api${scoped[2]}`;
    if (compiled.some((r) => LAB_ROUTES.has(r.name) && r.pattern.test(plain))) {
      try {
        return { labId: decodeURIComponent(scoped[1]), pathname: plain };
      } catch {
        throw new HttpError(400, "bad-path", "the path has a malformed %-escape");
      }
    }
  }
  return { labId: undefined, pathname };
}

/** The request's lab: the default one, or the named one (the operator's `up` of a new lab id makes it). */
async function servicesOf(server: ServerServices, labId: string | undefined, route: RouteName, caller: Caller): Promise<LabServices> {
  if (labId !== undefined && !server.labs.get(labId) && route === "labUp" && caller.role === "operator") await server.labs.open(labId);
  return servicesFor(server, labId);
}

/** Answers one /api request: finds its route, calls its operation for this caller, sends JSON or a file. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, url: URL, caller: Caller, server: ServerServices): Promise<void> {
  let scope: { labId: string | undefined; pathname: string };
  try {
    scope = labScope(url.pathname);
  } catch (err) {
    const answer = errorAnswer(err, caller, `${req.method} ${url.pathname}`);
    return sendError(res, answer.status, answer.code, answer.message);
  }
  const matches = compiled.filter((r) => r.pattern.test(scope.pathname));
  const route = matches.find((r) => r.method === req.method);
  if (!route) {
    if (matches.length) return sendError(res, 405, "method-not-allowed", `${req.method} is not allowed here; use ${[...new Set(matches.map((m) => m.method))].join(" or ")}`);
    return sendError(res, 404, "not-found", `no API route ${url.pathname}`);
  }
  const binding = HTTP_BINDINGS[route.name];
  try {
    const params = decodeParams(route, scope.pathname);
    const parts = { params, query: url.searchParams, readBody: (limit?: number) => readJsonBody(req, limit) };
    const services = await servicesOf(server, scope.labId, route.name, caller);
    const result = await invoke(binding.operation, services, caller, () => binding.input(parts));
    if (binding.write) return await binding.write(res, result);
    if (binding.reply) return sendReply(res, binding.reply(result));
    sendJson(res, 200, result);
  } catch (err) {
    const answer = errorAnswer(err, caller, `${req.method} ${url.pathname}`);
    if (answer.retryAfterS && !res.headersSent) res.setHeader("retry-after", String(answer.retryAfterS));
    if (!res.headersSent) sendError(res, answer.status, answer.code, answer.message);
    else res.destroy();
  }
}

function sendReply(res: ServerResponse, reply: HttpReply): void {
  res.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...reply.headers });
  res.end(reply.body);
}
