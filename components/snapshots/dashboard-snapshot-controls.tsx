"use client";
import { useCallback, useRef } from "react";
import Link from "next/link";
import type { XYPosition } from "@xyflow/react";
import type { GraphLayout } from "@/lib/snapshots/snapshot-format";
import { SaveSnapshotDialog } from "./save-snapshot-dialog";
import { ImportSnapshotButton } from "./import-snapshot-button";
import { NAV_LINK } from "./snapshot-page-header";

/** The cards' dragged positions, kept for the next save; `onLayoutChange` goes to TopologyGraph. */
export function useDraggedLayout(): { getLayout: () => GraphLayout; onLayoutChange: (moved: Record<string, XYPosition>) => void } {
  const layout = useRef<GraphLayout>({});
  const onLayoutChange = useCallback((moved: Record<string, XYPosition>) => {
    layout.current = Object.fromEntries(Object.entries(moved).map(([id, p]) => [id, { x: p.x, y: p.y }]));
  }, []);
  const getLayout = useCallback(() => layout.current, []);
  return { getLayout, onLayoutChange };
}

/** The dashboard header's snapshot controls: the list, save (with the share link), import. */
/** `labId`: the lab a /labs/<id> page shows (a save saves that one); absent on the default lab's page. */
export function DashboardSnapshotControls({ getLayout, canSave, operator, labId }: { getLayout: () => GraphLayout; canSave: boolean; operator: boolean; labId?: string }) {
  // A viewer opens snapshots by their links; the list (every id) and import are the operator's.
  if (!operator) return null;
  return (
    <div className="flex flex-wrap items-start gap-2">
      <Link href="/snapshots" prefetch={false} className={NAV_LINK}>Snapshots</Link>
      <SaveSnapshotDialog layout={getLayout} disabled={!canSave} labId={labId} />
      <ImportSnapshotButton />
    </div>
  );
}
