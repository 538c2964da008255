import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseUrl } from "node:url";
import { identifyCaller, type Caller, type StudentDirectory } from "../../auth/caller";
import type { HostAllowlist } from "../../auth/request-origin";
import type { ServerServices } from "../../operations/lab-services";
import { errorAnswer } from "../error-answer";
import { handleApiRequest } from "./api-router";
import { sendError } from "./http-io";
import { answerOperatorLink, answerStudentLink } from "./operator-login";
import { checkApiRequest, checkHost } from "./request-guard";

export type PageHandler = (req: IncomingMessage, res: ServerResponse, parsedUrl?: ReturnType<typeof parseUrl>) => Promise<void>;

export interface HttpDeps {
  services: ServerServices;
  hosts: HostAllowlist;
  operatorToken: string;
  /** Next's handler; null with --api-only. */
  pages: PageHandler | null;
}

/** Request lines Node accepts but no URL parser should see: `//`, no leading slash, control characters. */
function requestUrl(raw: string | undefined): URL | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || /[\x00-\x20\x7f]/.test(raw)) return null;
  try {
    return new URL(`http://localhost${raw}`);
  } catch {
    return null;
  }
}

export function callerOf(req: IncomingMessage, url: URL, operatorToken: string, students?: StudentDirectory): Caller {
  const viewAsViewer = url.searchParams.get("view") === "viewer" || req.headers["x-ovslab-view"] === "viewer";
  return identifyCaller({ authorization: req.headers.authorization, cookie: req.headers.cookie, viewAsViewer }, operatorToken, students);
}

const SNAPSHOT_PAGE = /^\/s\/([^/]+)\/?$/;

async function route(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const url = requestUrl(req.url);
  if (!url) return sendError(res, 400, "bad-request", "the request path is not a valid absolute path");
  const hostRefusal = checkHost(req, deps.hosts);
  if (hostRefusal) return sendError(res, hostRefusal.status, hostRefusal.code, hostRefusal.message);
  const caller = callerOf(req, url, deps.operatorToken, deps.services.classes);
  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
    const refusal = checkApiRequest(req);
    if (refusal) return sendError(res, refusal.status, refusal.code, refusal.message);
    return handleApiRequest(req, res, url, caller, deps.services);
  }
  if (req.method === "GET" && url.searchParams.has("token")) return answerOperatorLink(res, url, deps.operatorToken);
  if (req.method === "GET" && url.searchParams.has("student")) return answerStudentLink(res, url, deps.services.classes);
  if (!deps.pages) return void res.writeHead(404, { "content-type": "text/plain" }).end("ovs-lab runs with --api-only: no UI here\n");
  const snapshotPage = SNAPSHOT_PAGE.exec(url.pathname);
  if (snapshotPage && !(await snapshotExists(deps.services, snapshotPage[1]))) {
    res.statusCode = 404;
    return deps.pages(req, res, parseUrl("/_ovs-lab/unknown-snapshot", true));
  }
  return deps.pages(req, res);
}

async function snapshotExists(services: ServerServices, rawId: string): Promise<boolean> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return false;
  }
  return services.snapshots.has(id);
}

/** Every request gets an answer: a handler that throws becomes a 500 (details for the operator only), never a hang. */
export function createRequestListener(deps: HttpDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(req, res, deps).catch((err: unknown) => {
      const answer = errorAnswer(err, null, `${req.method} ${req.url}`);
      if (!res.headersSent) sendError(res, answer.status, answer.code, answer.message);
      else res.destroy();
    });
  };
}
