"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { DisplayToggles, type DisplayOptions } from "../panels/display-toggles";

export const NAV_LINK =
  "rounded-md px-2 py-1 text-sm font-semibold text-sky-700 underline hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300 dark:hover:bg-slate-800";

/** The header of the snapshot pages: where you are, the way back, and the display switches. */
export function SnapshotPageHeader({ title, display, onDisplay, children }: { title: string; display: DisplayOptions; onDisplay: (o: DisplayOptions) => void; children?: ReactNode }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
      <p className="text-xl font-bold">
        ovs-lab <span className="font-normal text-slate-500 dark:text-slate-400">· {title}</span>
      </p>
      <nav className="flex flex-wrap items-center gap-3">
        {children}
        <Link href="/" className={NAV_LINK}>Dashboard</Link>
        <Link href="/snapshots" className={NAV_LINK}>Snapshots</Link>
        <DisplayToggles options={display} onChange={onDisplay} />
      </nav>
    </header>
  );
}
