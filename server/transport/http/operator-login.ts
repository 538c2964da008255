import type { ServerResponse } from "node:http";
import { sameSecret, sessionCookieHeader, studentCookieHeader } from "../../auth/session-cookie";
import type { StudentDirectory } from "../../auth/caller";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The operator link `/?token=…` (Jupyter's convention): a right token sets the HttpOnly session
 * cookie and sends the browser on to the same page without the token, so it stays out of the
 * address bar, the history and Referer headers; a wrong one is refused with a page that says what to do.
 * The hand-over is a page that replaces itself, not a 30x: a link clicked on another site (a course
 * page) makes a redirect chain cross-site, and a SameSite=Strict cookie would then not go with it.
 */
const COMMON = { "cache-control": "no-store", "referrer-policy": "no-referrer" };

/** The same URL without the secret parameter: where the signed-in page goes on. */
function withoutParam(url: URL, name: string): string {
  url.searchParams.delete(name);
  return url.pathname + (url.searchParams.size ? `?${url.searchParams}` : "");
}

function signedIn(res: ServerResponse, location: string, cookie: string, who: string): void {
  const target = escapeHtml(location);
  res.writeHead(200, { ...COMMON, "content-type": "text/html; charset=utf-8", "set-cookie": cookie });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>ovs-lab: signed in</title>` +
      `<meta http-equiv="refresh" content="0; url=${target}">` +
      `<script>location.replace(${JSON.stringify(location).replace(/</g, "\\u003c")})</script>` +
      `<p>Signed in as ${escapeHtml(who)}. <a href="${target}">Continue</a></p>`,
  );
}

export function answerOperatorLink(res: ServerResponse, url: URL, operatorToken: string): void {
  const given = url.searchParams.get("token") ?? "";
  const location = withoutParam(url, "token");
  if (sameSecret(given, operatorToken)) return signedIn(res, location, sessionCookieHeader(operatorToken), "the operator");
  res.writeHead(403, { ...COMMON, "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>ovs-lab: wrong operator link</title>` +
      `<p>The token in this link is not this server's operator token (it may have changed).</p>` +
      `<p>Open the operator link printed by <code>npm run up</code>, or continue as a viewer: <a href="${escapeHtml(location)}">${escapeHtml(location)}</a></p>`,
  );
}

/** A student's personal link `/labs/<lab>?student=…`: the cookie that opens their own lab, then the page without the token. */
export function answerStudentLink(res: ServerResponse, url: URL, students: StudentDirectory): void {
  const given = url.searchParams.get("student") ?? "";
  const location = withoutParam(url, "student");
  const student = given ? students.byToken(given) : null;
  if (student) return signedIn(res, `/labs/${student.labId}`, studentCookieHeader(given), `${student.name} (lab ${student.labId})`);
  res.writeHead(403, { ...COMMON, "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>ovs-lab: unknown student link</title>` +
      `<p>This student link is not one of a class in progress (the class may have ended). Ask your teacher for your link.</p>` +
      `<p>Continue as a viewer: <a href="${escapeHtml(location)}">${escapeHtml(location)}</a></p>`,
  );
}
