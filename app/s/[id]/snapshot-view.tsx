"use client";
import { useState } from "react";
import { HostPanel } from "@/components/panels/host-panel";
import { useDisplayOptions } from "@/components/use-display-options";
import { snapshotApi, snapshotUrls } from "@/components/snapshots/snapshot-client";
import { useLoad } from "@/components/snapshots/use-snapshot";
import { SnapshotGraph } from "@/components/snapshots/snapshot-graph";
import { SnapshotMatrix } from "@/components/snapshots/snapshot-matrix";
import { SnapshotExperiment } from "@/components/snapshots/snapshot-experiment";
import { SnapshotPageHeader, NAV_LINK } from "@/components/snapshots/snapshot-page-header";

/** The saved graph (in its saved layout), matrix and host facts of one snapshot; nothing here talks to a lab. */
export function SnapshotView({ id }: { id: string }) {
  const load = useLoad(id, (signal) => snapshotApi.get(id, signal));
  const [display, setDisplay] = useDisplayOptions();
  const [highlight, setHighlight] = useState<{ from: string; to: string } | null>(null);
  const header = (
    <SnapshotPageHeader title="snapshot (read-only)" display={display} onDisplay={setDisplay}>
      {load.state === "ready" && <a href={snapshotUrls.export(id)} download className={NAV_LINK}>Export file</a>}
    </SnapshotPageHeader>
  );
  if (load.state !== "ready")
    return (
      <div className="min-h-screen">
        {header}
        {load.state === "loading" ? <p className="p-4">Loading snapshot…</p> : <p role="alert" className="p-4 text-red-700 dark:text-red-400">Cannot show snapshot {id}: {load.message}</p>}
      </div>
    );
  const s = load.value;
  /** An experiment saved with no lab up has an empty topology: no graph or matrix to draw. */
  const hasLab = s.topology.bridge !== null;
  return (
    <div className="flex min-h-screen flex-col">
      {header}
      <main className="flex flex-col gap-3 p-3" data-testid="snapshot-view">
        <div>
          <h1 className="text-xl font-bold">{s.title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Snapshot of lab {s.labId}, saved {new Date(s.createdAt).toLocaleString()} · read-only
            {s.matrix?.finishedAt ? ` · matrix run ${new Date(s.matrix.finishedAt).toLocaleString()}` : " · no matrix run"}
          </p>
          {s.description && <p className="mt-1 whitespace-pre-wrap text-sm">{s.description}</p>}
        </div>
        {s.experiment && <SnapshotExperiment experiment={s.experiment} />}
        {hasLab ? (
          <div className="h-[55vh] min-h-96 rounded-lg border border-slate-300 dark:border-slate-700" data-testid="snapshot-graph">
            <SnapshotGraph topology={s.topology} layout={s.layout} highlight={highlight} dark={display.dark} />
          </div>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">No lab was up when this was saved: there is no graph or matrix.</p>
        )}
        <div className="flex flex-wrap gap-6">
          {hasLab && (
            <section aria-label="Saved test matrix">
              <SnapshotMatrix matrix={s.matrix} topology={s.topology} onHover={setHighlight} />
            </section>
          )}
          <div className="w-full max-w-md">
            {s.host ? <HostPanel host={s.host} topology={s.topology} /> : <p className="text-sm text-slate-500">No host facts were saved.</p>}
          </div>
        </div>
      </main>
    </div>
  );
}
