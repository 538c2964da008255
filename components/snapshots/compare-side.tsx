"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import type { Snapshot } from "@/lib/snapshots/snapshot-format";
import type { SnapshotComparison } from "@/lib/snapshots/snapshot-api-types";
import { changedNodeIds, endpointNodeIds } from "@/lib/snapshots/compare-view";
import { snapshotUrls } from "./snapshot-client";
import { SnapshotGraph } from "./snapshot-graph";
import { SnapshotMatrix } from "./snapshot-matrix";

export interface CompareSideProps {
  side: "a" | "b";
  snapshot: Snapshot;
  /** The other snapshot: offload change ids are in B's names. */
  other: Snapshot;
  diff: SnapshotComparison;
  flipped: ReadonlySet<string>;
  names: string[];
  dark: boolean;
}

/** One of the two compared snapshots: its graph (changed cards outlined) and matrix (flipped cells outlined). */
export function CompareSide({ side, snapshot: s, other, diff, flipped, names, dark }: CompareSideProps) {
  const [highlight, setHighlight] = useState<{ from: string; to: string } | null>(null);
  const b = side === "b" ? s : other;
  const marked = useMemo(() => {
    const own = changedNodeIds(s.topology, diff.offload, b.topology);
    for (const id of endpointNodeIds(side === "a" ? diff.endpoints.removed : diff.endpoints.added)) own.add(id);
    return own;
  }, [s, b, diff, side]);
  return (
    <section aria-label={`Snapshot ${side.toUpperCase()}: ${s.title}`} data-testid={`compare-${side}`} className="flex min-w-0 flex-col gap-2">
      <div>
        <h2 className="text-lg font-bold">
          <span className="mr-2 rounded bg-slate-700 px-2 text-white">{side.toUpperCase()}</span>
          <Link href={snapshotUrls.page(s.id)} className="underline">{s.title}</Link>
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">lab {s.labId} · saved {new Date(s.createdAt).toLocaleString()}</p>
      </div>
      <div className="h-[36vh] min-h-72 rounded-lg border border-slate-300 dark:border-slate-700">
        <SnapshotGraph topology={s.topology} layout={s.layout} highlight={highlight} dark={dark} marked={marked} />
      </div>
      <SnapshotMatrix matrix={s.matrix} topology={s.topology} onHover={setHighlight} marked={flipped} names={names} />
    </section>
  );
}
