"use client";
import { useMemo } from "react";
import { matrixNames } from "@/lib/dashboard/matrix-names";
import { flippedCellKeys } from "@/lib/snapshots/compare-view";
import type { Snapshot } from "@/lib/snapshots/snapshot-format";
import type { SnapshotComparison } from "@/lib/snapshots/snapshot-api-types";
import { useDisplayOptions } from "../use-display-options";
import { snapshotApi } from "./snapshot-client";
import { useLoad } from "./use-snapshot";
import { CompareDifferences } from "./compare-differences";
import { CompareSide } from "./compare-side";
import { SnapshotPageHeader } from "./snapshot-page-header";

type Loaded = { a: Snapshot; b: Snapshot; diff: SnapshotComparison };

const rowsOf = (s: Snapshot) => (s.matrix?.endpoints.length ? s.matrix.endpoints : matrixNames(s.topology));

/** /compare?a=&b=: two snapshots side by side, what changed from A to B highlighted. */
export function CompareView({ a, b }: { a: string; b: string }) {
  const [display, setDisplay] = useDisplayOptions();
  const load = useLoad<Loaded>(`${a} ${b}`, async (signal) => {
    const [sa, sb, diff] = await Promise.all([snapshotApi.get(a, signal), snapshotApi.get(b, signal), snapshotApi.compare(a, b, signal)]);
    return { a: sa, b: sb, diff };
  });
  const loaded = load.state === "ready" ? load.value : null;
  const flipped = useMemo(() => flippedCellKeys(loaded?.diff.cells ?? []), [loaded]);
  const names = useMemo(() => (loaded ? [...new Set([...rowsOf(loaded.a), ...rowsOf(loaded.b)])] : []), [loaded]);
  return (
    <div className="flex min-h-screen flex-col">
      <SnapshotPageHeader title="compare snapshots" display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-3 p-3" data-testid="compare-view">
        <h1 className="text-xl font-bold">{loaded ? `Compare “${loaded.a.title}” with “${loaded.b.title}”` : "Compare snapshots"}</h1>
        {load.state === "loading" && <p>Loading both snapshots…</p>}
        {load.state === "error" && <p role="alert" className="text-red-700 dark:text-red-400">Cannot compare: {load.message}</p>}
        {loaded && (
          <>
            <CompareDifferences diff={loaded.diff} />
            <div className="grid gap-4 xl:grid-cols-2">
              <CompareSide side="a" snapshot={loaded.a} other={loaded.b} diff={loaded.diff} flipped={flipped} names={names} dark={display.dark} />
              <CompareSide side="b" snapshot={loaded.b} other={loaded.a} diff={loaded.diff} flipped={flipped} names={names} dark={display.dark} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
