import { SIGN_IN_HINT, VIEWER_REASON, type Access, type AccessErrorCode } from "../../lib/contracts/access";
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

/** The one rule: viewers read, only the operator changes anything. */
export function authorize(access: Access, caller: Caller, what: string): void {
  if (access === "viewer" || caller.role === "operator") return;
  if (caller.credential === "none") throw new AccessError("unauthenticated", `${what} is for the operator only; ${SIGN_IN_HINT}`);
  if (caller.credential === "invalid") throw new AccessError("forbidden", `${what}: the operator token or session is wrong or out of date; ${SIGN_IN_HINT}`);
  throw new AccessError("forbidden", `${what}: ${VIEWER_REASON} (this is the viewer link; drop ?view=viewer to act as the operator)`);
}
