/** Who may do what. Without a credential a caller is a viewer: it reads, it changes nothing. */
export const ROLES = ["operator", "student", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** What an operation requires of its caller. */
export type Access = "operator" | "viewer";

/** Refusals of the access rules, with the HTTP status each answers. */
export const ACCESS_ERROR_STATUS = {
  /** No credential at all: sign in. */
  unauthenticated: 401,
  /** A viewer, a wrong token, or a request from a foreign origin or host. */
  forbidden: 403,
  /** A mutating request whose body is not application/json (closes the no-preflight cross-site path). */
  unsupportedMediaType: 415,
} as const;
export type AccessErrorCode = keyof typeof ACCESS_ERROR_STATUS;

/** The one sentence every refusal ends with: what the person should do. */
export const SIGN_IN_HINT = "open the operator link printed by npm run up (or send Authorization: Bearer <token>)";
export const VIEWER_REASON = "viewer: only the operator can change the lab";

/** The session a page or client asks about: GET /api/session. */
export interface SessionInfo {
  role: Role;
  /** How the caller proved it: an operator cookie or bearer token, or nothing. */
  credential: "cookie" | "bearer" | "none" | "invalid";
  /** An operator looking through the viewer link (?view=viewer) is treated as a viewer. */
  viewingAsViewer: boolean;
  /** A student's class and own lab (the only lab they may change). */
  student?: { classId: string; labId: string; name: string };
}

/** What a student's personal link lets them do: change their own lab, through these operations only. */
export const STUDENT_REASON = "a student may change only their own lab, through the operations their scenario allows";
