"use client";
import { useState } from "react";
import { STUDENT_REASON, VIEWER_REASON, type Role } from "@/lib/contracts/access";
import { api } from "../snapshots/snapshot-client";

/**
 * Always in the header: who this page is. A viewer sees why nothing can be changed; a student, whose lab
 * this is or is not (`ownLab`); the operator can log out.
 */
export function RoleBadge({ role, studentName, ownLab }: { role: Role | null; studentName?: string; ownLab?: boolean }) {
  const [leaving, setLeaving] = useState(false);
  if (role === null) return null;
  if (role === "student")
    return (
      <span data-testid="student-badge" title={STUDENT_REASON} className="ml-2 rounded bg-violet-200 px-2 py-0.5 align-middle text-sm font-semibold text-violet-950">
        student{studentName ? ` · ${studentName}` : ""} · {ownLab ? "your lab" : "watching"}
      </span>
    );
  if (role === "viewer")
    return (
      <span data-testid="read-only-badge" title={VIEWER_REASON} className="ml-2 rounded bg-amber-200 px-2 py-0.5 align-middle text-sm font-semibold text-amber-900">
        viewer · read-only
      </span>
    );
  const logout = () => {
    setLeaving(true);
    api.logout().finally(() => window.location.reload());
  };
  return (
    <span data-testid="operator-badge" className="ml-2 inline-flex items-center gap-2 rounded bg-emerald-200 px-2 py-0.5 align-middle text-sm font-semibold text-emerald-900">
      operator
      <button type="button" onClick={logout} disabled={leaving} className="rounded px-1 font-normal underline hover:bg-emerald-300 focus-visible:outline-2 focus-visible:outline-emerald-700">
        Log out
      </button>
    </span>
  );
}
