import { createHmac, timingSafeEqual } from "node:crypto";

export const SESSION_COOKIE = "ovslab_operator";
/** A student's personal link sets this one; its value is the student's token (it only opens their own lab). */
export const STUDENT_COOKIE = "ovslab_student";
const SESSION_LIFETIME_S = 30 * 24 * 3600;

/**
 * The cookie carries a value derived from the token, not the token itself: a leaked cookie does
 * not reveal the operator link, and a new token ends every session.
 */
export function sessionValue(token: string): string {
  return createHmac("sha256", token).update("ovs-lab operator session v1").digest("base64url");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), for the whole site. */
export function sessionCookieHeader(token: string): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_S}`;
}

export function clearedSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}

export function studentCookieHeader(token: string): string {
  return `${STUDENT_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_LIFETIME_S}`;
}

export function clearedStudentCookieHeader(): string {
  return `${STUDENT_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
}
