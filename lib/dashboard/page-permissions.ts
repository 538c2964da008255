import { STUDENT_REASON, VIEWER_REASON, type Role } from "../contracts/access";

/**
 * What a dashboard page may do on the lab it shows, and why not where it may not. The server decides
 * (every request is authorised there); this copy only lets the page disable what would be refused,
 * with the reason beside it.
 */
export interface PagePermissions {
  /** null: every operation (the operator); otherwise the operations this page may use on its lab. */
  allowed: ReadonlySet<string> | null;
  /** Why an operation outside `allowed` is refused, in words. */
  reason: string;
  /** A student on their own lab (their panel, their badge). */
  ownLab: boolean;
}

export const WAITING_REASON = "waiting for the server to say who this page is";

export interface PermissionFacts {
  role: Role | null;
  /** The lab the page shows, as the server named it (hello). */
  labId: string | null;
  /** For a student: their own lab and the operations their scenario allows (StudentView), once known. */
  student: { labId: string; operations: readonly string[] } | null;
}

export function pagePermissions({ role, labId, student }: PermissionFacts): PagePermissions {
  if (role === "operator") return { allowed: null, reason: "", ownLab: false };
  if (role === "student") {
    if (!student) return { allowed: new Set(), reason: "student: reading which operations your scenario allows…", ownLab: false };
    if (labId !== null && student.labId === labId) return { allowed: new Set(student.operations), reason: `student: ${STUDENT_REASON}`, ownLab: true };
    return { allowed: new Set(), reason: `student: this is not your lab (yours is ${student.labId}); here you only watch`, ownLab: false };
  }
  return { allowed: new Set(), reason: role === null ? WAITING_REASON : VIEWER_REASON, ownLab: false };
}

/** null when the page may use the operation; otherwise the reason it may not. */
export function refusalOf(permissions: PagePermissions, operation: string): string | null {
  if (permissions.allowed === null || permissions.allowed.has(operation)) return null;
  return permissions.reason;
}
