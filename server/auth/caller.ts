import type { Role, SessionInfo } from "../../lib/contracts/access";
import { parseCookies, sameSecret, SESSION_COOKIE, sessionValue } from "./session-cookie";

/** Who makes a request or holds a socket: decided once, from its credential, at the edge. */
export interface Caller extends SessionInfo {
  role: Role;
}

export interface CallerCredentials {
  authorization?: string | string[];
  cookie?: string | string[];
  /** socket.io's `auth.token` (clients that cannot set headers). */
  token?: unknown;
  /** `?view=viewer`: an operator looking at the page a class sees. */
  viewAsViewer?: boolean;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function identifyCaller(credentials: CallerCredentials, operatorToken: string): Caller {
  const bearer = /^Bearer\s+(\S+)$/i.exec(first(credentials.authorization) ?? "")?.[1] ?? (typeof credentials.token === "string" && credentials.token ? credentials.token : undefined);
  const cookie = parseCookies(first(credentials.cookie)).get(SESSION_COOKIE);
  const viewingAsViewer = credentials.viewAsViewer === true;
  let credential: Caller["credential"] = "none";
  if (bearer !== undefined) credential = sameSecret(bearer, operatorToken) ? "bearer" : "invalid";
  else if (cookie) credential = sameSecret(cookie, sessionValue(operatorToken)) ? "cookie" : "invalid";
  const operator = (credential === "bearer" || credential === "cookie") && !viewingAsViewer;
  return { role: operator ? "operator" : "viewer", credential, viewingAsViewer };
}

/** In-process callers (the CLI without a server, the boot template): the operator by definition. */
export const LOCAL_OPERATOR: Caller = { role: "operator", credential: "bearer", viewingAsViewer: false };
