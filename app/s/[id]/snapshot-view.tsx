"use client";
import { useEffect, useMemo, useState } from "react";
import { cellKey, PROTOCOLS } from "@/lib/contracts/matrix";
import type { Cell } from "@/lib/dashboard/dashboard-state";
import type { Snapshot } from "@/lib/snapshots/snapshot-format";
import { TopologyGraph } from "@/components/graph/topology-graph";
import type { GraphActions } from "@/components/graph/graph-actions";
import { MatrixGrid } from "@/components/matrix/matrix-grid";
import { HostPanel } from "@/components/panels/host-panel";

const READ_ONLY: GraphActions = { toggleTx: () => undefined, select: () => undefined, selectedId: null, readOnly: true };
const NONE: ReadonlySet<string> = new Set();

type Load = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; snapshot: Snapshot };

function useSnapshot(id: string): Load {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  useEffect(() => {
    const abort = new AbortController();
    fetch(`/api/snapshots/${encodeURIComponent(id)}`, { signal: abort.signal })
      .then(async (res) => {
        const body = await res.json();
        setLoad(res.ok ? { state: "ready", snapshot: body as Snapshot } : { state: "error", message: body?.error?.message ?? `HTTP ${res.status}` });
      })
      .catch((err: unknown) => abort.signal.aborted || setLoad({ state: "error", message: String(err) }));
    return () => abort.abort();
  }, [id]);
  return load;
}

/** The saved graph, matrix and host facts of one snapshot; nothing here talks to a lab. */
export function SnapshotView({ id }: { id: string }) {
  const load = useSnapshot(id);
  const [highlight, setHighlight] = useState<{ from: string; to: string } | null>(null);
  const snapshot = load.state === "ready" ? load.snapshot : null;
  const cells = useMemo(
    () => Object.fromEntries((snapshot?.matrix?.results ?? []).map((r): [string, Cell] => [cellKey(r.from, r.to, r.protocol), { result: r, pending: false }])),
    [snapshot],
  );
  if (load.state === "loading") return <p className="p-4">Loading snapshot…</p>;
  if (load.state === "error") return <p role="alert" className="p-4 text-red-600">Cannot show snapshot {id}: {load.message}</p>;
  const s = load.snapshot;
  const names = s.matrix?.endpoints ?? s.topology.endpoints.map((e) => e.name);
  return (
    <main className="flex min-h-screen flex-col gap-3 p-3" data-testid="snapshot-view">
      <header>
        <h1 className="text-xl font-bold">{s.title}</h1>
        <p className="text-sm text-slate-500">
          Snapshot of lab {s.labId}, saved {new Date(s.createdAt).toLocaleString()} · read-only
          {s.matrix?.finishedAt ? ` · matrix run ${new Date(s.matrix.finishedAt).toLocaleString()}` : " · no matrix run"}
        </p>
        {s.description && <p className="mt-1 text-sm">{s.description}</p>}
      </header>
      <div className="h-[55vh] rounded-lg border border-slate-300 dark:border-slate-700">
        <TopologyGraph topology={s.topology} actions={READ_ONLY} highlight={highlight} scale={1} colorMode="dark" />
      </div>
      <div className="flex flex-wrap gap-6">
        <section aria-label="Saved test matrix" className="flex flex-wrap gap-4">
          {PROTOCOLS.filter((p) => !s.matrix || s.matrix.protocols.includes(p)).map((p) => (
            <MatrixGrid key={p} protocol={p} names={names} cells={cells} inactive={NONE} onHover={setHighlight} />
          ))}
        </section>
        {s.host ? <HostPanel host={s.host} topology={s.topology} /> : <p className="text-sm text-slate-500">No host facts were saved.</p>}
      </div>
    </main>
  );
}
