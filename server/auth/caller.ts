import type { Role, SessionInfo } from "../../lib/contracts/access";
import { parseCookies, sameSecret, SESSION_COOKIE, sessionValue, STUDENT_COOKIE } from "./session-cookie";

/** A student as their personal link identifies them: their class, their lab, what they may do there. */
export interface StudentIdentity {
  classId: string;
  labId: string;
  name: string;
  /** Operation names (server/operations) the student may use on their own lab. */
  operations: readonly string[];
}

/** Finds the student a personal link's token belongs to (the classes in progress). */
export interface StudentDirectory {
  byToken(token: string): StudentIdentity | null;
}

/** Who makes a request or holds a socket: decided once, from its credential, at the edge. */
export interface Caller extends Omit<SessionInfo, "student"> {
  role: Role;
  student?: StudentIdentity;
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
const NO_STUDENTS: StudentDirectory = { byToken: () => null };

export function identifyCaller(credentials: CallerCredentials, operatorToken: string, students: StudentDirectory = NO_STUDENTS): Caller {
  const bearer = /^Bearer\s+(\S+)$/i.exec(first(credentials.authorization) ?? "")?.[1] ?? (typeof credentials.token === "string" && credentials.token ? credentials.token : undefined);
  const cookies = parseCookies(first(credentials.cookie));
  const cookie = cookies.get(SESSION_COOKIE);
  const viewingAsViewer = credentials.viewAsViewer === true;
  let credential: Caller["credential"] = "none";
  let student: StudentIdentity | null = null;
  const studentCookie = cookies.get(STUDENT_COOKIE);
  if (bearer !== undefined) {
    student = sameSecret(bearer, operatorToken) ? null : students.byToken(bearer);
    credential = sameSecret(bearer, operatorToken) || student ? "bearer" : "invalid";
  } else if (cookie) credential = sameSecret(cookie, sessionValue(operatorToken)) ? "cookie" : "invalid";
  else if (studentCookie) {
    student = students.byToken(studentCookie);
    credential = student ? "cookie" : "invalid";
  }
  if (credential === "invalid" || credential === "none" || viewingAsViewer) return { role: "viewer", credential, viewingAsViewer };
  if (student) return { role: "student", credential, viewingAsViewer, student };
  return { role: "operator", credential, viewingAsViewer };
}

/** In-process callers (the CLI without a server, the boot template): the operator by definition. */
export const LOCAL_OPERATOR: Caller = { role: "operator", credential: "bearer", viewingAsViewer: false };
