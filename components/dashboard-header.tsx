"use client";
import Link from "next/link";
import type { Role } from "@/lib/contracts/access";
import type { FollowAction, FollowState } from "@/lib/classroom/follow-state";
import type { GraphLayout } from "@/lib/snapshots/snapshot-format";
import { DashboardSnapshotControls } from "./snapshots/dashboard-snapshot-controls";
import { NAV_LINK } from "./snapshots/snapshot-page-header";
import { DisplayToggles, type DisplayOptions } from "./panels/display-toggles";
import { RoleBadge } from "./session/role-badge";
import { FollowControl } from "./presenter/follow-control";
import { labUrls } from "./labs/lab-client";

export interface DashboardHeaderProps {
  /** The lab the server says this page shows (null until it says). */
  labId: string | null;
  /** The lab of a /labs/<id> page; absent on `/` (the default lab, whichever it is). */
  routeLabId?: string;
  role: Role | null;
  student: { name: string; ownLab: boolean } | null;
  snapshots: { getLayout: () => GraphLayout; canSave: boolean };
  display: DisplayOptions;
  onDisplay: (o: DisplayOptions) => void;
  /** The presenter follow switch, on the pages that follow (not the operator's). */
  follow: { state: FollowState; dispatch: (a: FollowAction) => void } | null;
}

/** Which lab this is, who this page is, and where to go: every lab, the classes and the presenter view (operator), snapshots. */
export function DashboardHeader({ labId, routeLabId, role, student, snapshots, display, onDisplay, follow }: DashboardHeaderProps) {
  const operator = role === "operator";
  const shown = labId ?? routeLabId ?? null;
  return (
    <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
      <h1 className="text-xl font-bold" data-testid="lab-title" data-lab={shown ?? ""}>
        ovs-lab <span className="font-normal text-slate-500">· lab</span> <span className="font-mono">{shown ?? "…"}</span>
        {!routeLabId && <span className="ml-1 text-sm font-normal text-slate-500">(default lab)</span>}
        <RoleBadge role={role} studentName={student?.name} ownLab={student?.ownLab} />
      </h1>
      <nav className="flex flex-wrap items-center gap-3">
        {follow && <FollowControl state={follow.state} dispatch={follow.dispatch} />}
        <DashboardSnapshotControls getLayout={snapshots.getLayout} operator={operator} canSave={snapshots.canSave} labId={routeLabId} />
        {/* Fetched on hover, not as the page starts: a 100-container lab's first render waited for these prefetches on the server. */}
        <Link href="/labs" prefetch={false} className={NAV_LINK}>All labs</Link>
        {operator && <Link href="/classes" prefetch={false} className={NAV_LINK}>Classes</Link>}
        {operator && shown && <Link href={labUrls.present(shown)} prefetch={false} className={NAV_LINK}>Present</Link>}
        <Link href="/experiment" prefetch={false} className={NAV_LINK}>A/B experiment</Link>
        <DisplayToggles options={display} onChange={onDisplay} />
      </nav>
    </header>
  );
}
