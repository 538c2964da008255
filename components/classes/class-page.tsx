"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { classGrid } from "@/lib/classroom/class-grid";
import { VIEWER_REASON } from "@/lib/contracts/access";
import { useDisplayOptions } from "../use-display-options";
import { useSession } from "../session/use-session";
import { labApi } from "../labs/lab-client";
import { PageHeader } from "../labs/page-header";
import { ConfirmButton } from "../labs/confirm-button";
import { CountdownBadge } from "../student/countdown-badge";
import { ClassGridTable } from "./class-grid-table";
import { useClassWatch } from "./use-class-watch";
import { QUIET_BUTTON } from "../panels/edit-styles";

function ClassGridView({ classId }: { classId: string }) {
  const [watch, setWatch] = useClassWatch(classId);
  const [ended, setEnded] = useState<string | null>(null);
  const grid = useMemo(() => (watch.kind === "live" ? classGrid(watch.view) : null), [watch]);
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  if (ended) return <p role="status" data-testid="class-ended">{ended} <Link href="/classes" className="underline">Back to the classes</Link></p>;
  if (watch.kind === "connecting") return <p className="text-slate-500">Connecting…</p>;
  if (watch.kind === "failed") return <p role="alert" className="text-red-700 dark:text-red-400">{watch.message}</p>;
  const { view, connected } = watch;
  const end = () =>
    labApi()
      .classEnd({ params: { id: classId } })
      .then((r) => {
        setWatch({ kind: "failed", message: "ended" });
        setEnded(`Class ${r.classId} ended: every student lab was removed (${r.removed} objects).`);
      });
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-bold">
          {view.scenario.title} <span className="font-mono text-base font-normal text-slate-500">class {view.classId}</span>
        </h1>
        <CountdownBadge endsAt={view.endsAt} className="text-lg" />
        {!connected && <span role="status" className="rounded bg-amber-300 px-2 text-sm font-semibold text-amber-950">reconnecting…</span>}
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-300" data-testid="class-summary">
        {view.students.length} students · {grid?.finished ?? 0} finished · started {new Date(view.createdAt).toLocaleTimeString()} · hover a square for its message and when it first passed
      </p>
      {grid && <ClassGridTable grid={grid} origin={origin} />}
      <div className="flex flex-wrap items-center gap-3">
        <a href={`/api/classes/${encodeURIComponent(classId)}/results.csv`} download className={QUIET_BUTTON}>Export CSV</a>
        <ConfirmButton label="End class" question="End the class? Every student lab is removed and the links stop working." confirmLabel="End it" onConfirm={end} />
      </div>
    </>
  );
}

/** /classes/<id>: the teacher's live grid of one class. */
export function ClassPage({ classId }: { classId: string }) {
  const session = useSession();
  const [display, setDisplay] = useDisplayOptions();
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader title={`class ${classId}`} role={session?.role ?? null} display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-3 p-4">
        {session && session.role !== "operator" && <p role="status">{VIEWER_REASON}: the class grid is the teacher&apos;s.</p>}
        {session?.role === "operator" && <ClassGridView classId={classId} />}
      </main>
    </div>
  );
}
