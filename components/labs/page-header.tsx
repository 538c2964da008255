"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Role } from "@/lib/contracts/access";
import { DisplayToggles, type DisplayOptions } from "../panels/display-toggles";
import { NAV_LINK } from "../snapshots/snapshot-page-header";
import { RoleBadge } from "../session/role-badge";

/** The header of the lab list and the class pages: where you are, who you are, the way to the other pages. */
export function PageHeader({ title, role, display, onDisplay, children }: { title: string; role: Role | null; display: DisplayOptions; onDisplay: (o: DisplayOptions) => void; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
      <p className="text-xl font-bold">
        ovs-lab <span className="font-normal text-slate-500 dark:text-slate-400">· {title}</span>
        <RoleBadge role={role} />
      </p>
      <nav className="flex flex-wrap items-center gap-3">
        {children}
        <Link href="/" className={NAV_LINK}>Default lab</Link>
        <Link href="/labs" className={NAV_LINK}>All labs</Link>
        {role === "operator" && <Link href="/classes" className={NAV_LINK}>Classes</Link>}
        <DisplayToggles options={display} onChange={onDisplay} />
      </nav>
    </header>
  );
}
