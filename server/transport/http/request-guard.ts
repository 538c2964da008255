import type { IncomingMessage } from "node:http";

import type { HostAllowlist } from "../../auth/request-origin";
import { originAllowed } from "../../auth/request-origin";
import type { ErrorAnswer } from "../error-answer";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** DNS rebinding: a page on evil.example resolved to this machine sends `Host: evil.example`. */
export function checkHost(req: IncomingMessage, hosts: HostAllowlist): ErrorAnswer | null {
  if (hosts.allows(req.headers.host)) return null;
  return {
    status: 403,
    code: "forbidden-host",
    message: `this server does not answer to the host name "${req.headers.host ?? ""}"; use its address or localhost, or add the name to OVSLAB_ALLOWED_HOSTS`,
  };
}

/**
 * Another web page cannot act for a visitor: an Origin that is not this server is refused, and a
 * change must be JSON, which a cross-site form or no-preflight fetch cannot send.
 */
export function checkApiRequest(req: IncomingMessage): ErrorAnswer | null {
  if (!originAllowed(req.headers.origin, req.headers.host))
    return { status: 403, code: "forbidden-origin", message: `requests from ${req.headers.origin} are refused: only pages served by this server may call its API` };
  if (SAFE_METHODS.has(req.method ?? "GET")) return null;
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json")
    return {
      status: 415,
      code: "unsupportedMediaType",
      message: `a change must be sent as Content-Type: application/json (got "${type || "none"}")`,
    };
  return null;
}
