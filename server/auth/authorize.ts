import { SIGN_IN_HINT, STUDENT_REASON, VIEWER_REASON, type Access, type AccessErrorCode } from "../../lib/contracts/access";
import type { Caller } from "./caller";

/** A refusal by the access rules; the transports turn its code into 401/403/415. */
export class AccessError extends Error {
  constructor(
    readonly code: AccessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AccessError";
  }
}

/**
 * The one rule: viewers read, only the operator changes anything, except that a student changes
 * their own lab (`labId`, the lab the request is about) through the operations their scenario allows.
 */
export function authorize(access: Access, caller: Caller, what: string, labId?: string): void {
  if (access === "viewer" || caller.role === "operator") return;
  if (caller.role === "student" && caller.student) {
    const { student } = caller;
    if (labId === student.labId && student.operations.includes(what)) return;
    const where = labId === student.labId ? `"${what}" is not one of them (${student.operations.join(", ")})` : `this is not your lab (yours: ${student.labId}, at /labs/${student.labId})`;
    throw new AccessError("forbidden", `${what}: ${STUDENT_REASON}; ${where}`);
  }
  if (caller.credential === "none") throw new AccessError("unauthenticated", `${what} is for the operator only; ${SIGN_IN_HINT}`);
  if (caller.credential === "invalid") throw new AccessError("forbidden", `${what}: the operator token or session is wrong or out of date; ${SIGN_IN_HINT}`);
  throw new AccessError("forbidden", `${what}: ${VIEWER_REASON} (this is the viewer link; drop ?view=viewer to act as the operator)`);
}
