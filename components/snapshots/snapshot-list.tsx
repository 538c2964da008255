"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import type { SnapshotSummary } from "@/lib/snapshots/snapshot-format";
import { pickForCompare } from "@/lib/snapshots/compare-view";
import { useDisplayOptions } from "../use-display-options";
import { snapshotApi, snapshotUrls } from "./snapshot-client";
import { SnapshotRow } from "./snapshot-row";
import { ImportSnapshotButton } from "./import-snapshot-button";
import { SnapshotPageHeader } from "./snapshot-page-header";
import { useSession } from "../session/use-session";
import { VIEWER_REASON } from "@/lib/contracts/access";

type ListState = { kind: "loading" } | { kind: "failed"; message: string } | { kind: "ready"; snapshots: SnapshotSummary[] };

/** The /snapshots page: every saved snapshot, newest first, with import and compare. */
export function SnapshotList() {
  const session = useSession();
  if (session && session.role !== "operator") return <ViewerNotice />;
  return <OperatorSnapshotList />;
}

/** The list hands out every snapshot's link: a viewer is told how to get one instead. */
function ViewerNotice() {
  const [display, setDisplay] = useDisplayOptions();
  return (
    <div className="flex min-h-screen flex-col">
      <SnapshotPageHeader title="snapshots" display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-3 p-4">
        <h1 className="text-xl font-bold">Saved snapshots</h1>
        <p role="status" data-testid="viewer-snapshots-notice">
          {VIEWER_REASON}: listing, importing, restoring and deleting snapshots are the operator&apos;s. Ask for a snapshot&apos;s link (/s/…) to open it.
        </p>
      </main>
    </div>
  );
}

function OperatorSnapshotList() {
  const [display, setDisplay] = useDisplayOptions();
  const [list, setList] = useState<ListState>({ kind: "loading" });
  const [picked, setPicked] = useState<string[]>([]);
  const reload = useCallback(() => {
    snapshotApi.list().then(
      (snapshots) => setList({ kind: "ready", snapshots }),
      (err: unknown) => setList({ kind: "failed", message: err instanceof Error ? err.message : String(err) }),
    );
  }, []);
  useEffect(reload, [reload]);
  const deleted = (id: string) => {
    setPicked((p) => p.filter((x) => x !== id));
    setList((l) => (l.kind === "ready" ? { ...l, snapshots: l.snapshots.filter((s) => s.id !== id) } : l));
  };
  const [a, b] = picked;
  return (
    <div className="flex min-h-screen flex-col">
      <SnapshotPageHeader title="snapshots" display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-3 p-4">
        <h1 className="text-xl font-bold">Saved snapshots</h1>
        <div className="flex flex-wrap items-start gap-6">
          <div className="flex items-center gap-2 text-sm">
            {a && b ? (
              <Link href={snapshotUrls.compare(a, b)} className="rounded-md bg-sky-600 px-3 py-1 font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
                Compare the two picked
              </Link>
            ) : (
              <span className="text-slate-600 dark:text-slate-400" role="status">Pick two snapshots to compare ({picked.length} of 2).</span>
            )}
          </div>
          <ImportSnapshotButton onImported={reload} />
        </div>
        {list.kind === "loading" && <p>Loading…</p>}
        {list.kind === "failed" && <p role="alert" className="text-red-700 dark:text-red-400">Cannot list snapshots: {list.message}</p>}
        {list.kind === "ready" && list.snapshots.length === 0 && <p className="text-slate-600 dark:text-slate-400">No snapshots yet: save one from the dashboard, or import a file.</p>}
        {list.kind === "ready" && list.snapshots.length > 0 && (
          <div className="overflow-x-auto rounded-lg border border-slate-300 dark:border-slate-700">
            <table className="w-full text-left" data-testid="snapshot-list">
              <thead className="bg-slate-100 text-sm dark:bg-slate-800">
                <tr>
                  <th scope="col" className="px-2 py-1">Compare</th>
                  <th scope="col" className="px-2 py-1">Title</th>
                  <th scope="col" className="px-2 py-1">Lab</th>
                  <th scope="col" className="px-2 py-1">Created</th>
                  <th scope="col" className="px-2 py-1">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.snapshots.map((s) => (
                  <SnapshotRow key={s.id} snapshot={s} picked={picked.includes(s.id)} onPick={(on) => setPicked((p) => pickForCompare(p, s.id, on))} onDeleted={deleted} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </main>
    </div>
  );
}
