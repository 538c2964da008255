"use client";
import { useState } from "react";
import Link from "next/link";
import type { SnapshotSummary } from "@/lib/snapshots/snapshot-format";
import type { RestoreOutcome } from "@/lib/snapshots/snapshot-api-types";
import { snapshotApi, snapshotUrls } from "./snapshot-client";
import { RestoreResult } from "./restore-result";

const ACTION = "rounded px-2 py-0.5 text-sm font-semibold underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50";
const LINK = `${ACTION} text-sky-700 dark:text-sky-300`;
const DANGER = "rounded-md bg-red-600 px-2 py-0.5 text-sm font-semibold text-white hover:bg-red-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";

type Pending = "delete" | "restore" | null;
type Busy = { kind: "idle" } | { kind: "working"; what: string } | { kind: "failed"; message: string } | { kind: "restored"; outcome: RestoreOutcome };

export interface SnapshotRowProps {
  snapshot: SnapshotSummary;
  picked: boolean;
  onPick: (on: boolean) => void;
  onDeleted: (id: string) => void;
}

/** One saved snapshot: open, export, compare pick, and restore or delete after a confirmation. */
export function SnapshotRow({ snapshot: s, picked, onPick, onDeleted }: SnapshotRowProps) {
  const [confirm, setConfirm] = useState<Pending>(null);
  const [busy, setBusy] = useState<Busy>({ kind: "idle" });
  const act = async (what: Exclude<Pending, null>) => {
    setConfirm(null);
    setBusy({ kind: "working", what: what === "delete" ? "Deleting…" : "Restoring: rebuilding the lab and re-running the tests…" });
    try {
      if (what === "delete") {
        await snapshotApi.remove(s.id);
        onDeleted(s.id);
      } else setBusy({ kind: "restored", outcome: await snapshotApi.restore(s.id) });
    } catch (err) {
      setBusy({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };
  const working = busy.kind === "working";
  return (
    <tr data-testid={`snapshot-row-${s.id}`} className="border-t border-slate-200 align-top dark:border-slate-700">
      <td className="px-2 py-2">
        <input type="checkbox" checked={picked} onChange={(e) => onPick(e.target.checked)} aria-label={`Pick ${s.title} for comparison`} className="h-4 w-4" />
      </td>
      <td className="px-2 py-2">
        <Link href={snapshotUrls.page(s.id)} className="font-semibold text-sky-700 underline dark:text-sky-300">{s.title}</Link>
        {s.description && <p className="max-w-md truncate text-xs text-slate-600 dark:text-slate-400" title={s.description}>{s.description}</p>}
        {busy.kind === "working" && <p role="status" className="text-sm">{busy.what}</p>}
        {busy.kind === "failed" && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{busy.message}</p>}
        {busy.kind === "restored" && <RestoreResult outcome={busy.outcome} />}
      </td>
      <td className="px-2 py-2 font-mono">{s.labId}</td>
      <td className="whitespace-nowrap px-2 py-2"><time dateTime={s.createdAt}>{new Date(s.createdAt).toLocaleString()}</time></td>
      <td className="px-2 py-2">
        {confirm ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm ${confirm} of ${s.title}`}>
            <span className="text-sm">{confirm === "delete" ? "Delete for good?" : "Rebuild the live lab from it?"}</span>
            <button type="button" className={DANGER} onClick={() => act(confirm)} autoFocus>{confirm === "delete" ? "Yes, delete" : "Yes, restore"}</button>
            <button type="button" className={ACTION} onClick={() => setConfirm(null)}>Cancel</button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-1">
            <Link href={snapshotUrls.page(s.id)} className={LINK} aria-label={`Open ${s.title}`}>Open</Link>
            <a href={snapshotUrls.export(s.id)} download className={LINK} aria-label={`Export ${s.title}`}>Export</a>
            <button type="button" className={LINK} disabled={working} onClick={() => setConfirm("restore")} aria-label={`Restore ${s.title}`}>Restore</button>
            <button type="button" className={`${ACTION} text-red-700 dark:text-red-400`} disabled={working} onClick={() => setConfirm("delete")} aria-label={`Delete ${s.title}`}>Delete</button>
          </div>
        )}
      </td>
    </tr>
  );
}
