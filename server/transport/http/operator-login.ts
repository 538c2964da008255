import type { ServerResponse } from "node:http";
import { sameSecret, sessionCookieHeader } from "../../auth/session-cookie";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The operator link `/?token=…` (Jupyter's convention): a right token sets the HttpOnly session
 * cookie and sends the browser on to the same page without the token, so it stays out of the
 * address bar, the history and Referer headers; a wrong one is refused with a page that says what to do.
 * The hand-over is a page that replaces itself, not a 30x: a link clicked on another site (a course
 * page) makes a redirect chain cross-site, and a SameSite=Strict cookie would then not go with it.
 */
export function answerOperatorLink(res: ServerResponse, url: URL, operatorToken: string): void {
  const given = url.searchParams.get("token") ?? "";
  url.searchParams.delete("token");
  const location = url.pathname + (url.searchParams.size ? `?${url.searchParams}` : "");
  const common = { "cache-control": "no-store", "referrer-policy": "no-referrer" };
  if (sameSecret(given, operatorToken)) {
    const target = escapeHtml(location);
    res.writeHead(200, { ...common, "content-type": "text/html; charset=utf-8", "set-cookie": sessionCookieHeader(operatorToken) });
    res.end(
      `<!doctype html><meta charset="utf-8"><title>ovs-lab: signed in</title>` +
        `<meta http-equiv="refresh" content="0; url=${target}">` +
        `<script>location.replace(${JSON.stringify(location).replace(/</g, "\\u003c")})</script>` +
        `<p>Signed in as the operator. <a href="${target}">Continue</a></p>`,
    );
    return;
  }
  res.writeHead(403, { ...common, "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>ovs-lab: wrong operator link</title>` +
      `<p>The token in this link is not this server's operator token (it may have changed).</p>` +
      `<p>Open the operator link printed by <code>npm run up</code>, or continue as a viewer: <a href="${escapeHtml(location)}">${escapeHtml(location)}</a></p>`,
  );
}
