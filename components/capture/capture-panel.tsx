"use client";
import { useEffect, useMemo, useRef } from "react";
import { captureStatusText, packetRows, verdictCounts } from "@/lib/capture/packet-rows";
import { isCapturing, type CaptureView } from "@/lib/capture/capture-state";
import { PacketTable } from "./packet-table";

const BUTTON = "rounded-md border border-slate-400 px-2 py-0.5 text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";

/** A capture's packets as they stream in, with verdict counts, stop, .pcap download and close. */
export function CapturePanel({ view, onStop, onClose }: { view: CaptureView; onStop: () => void; onClose: () => void }) {
  const rows = useMemo(() => packetRows(view.packets), [view.packets]);
  const counts = verdictCounts(rows);
  const capturing = isCapturing(view);
  const id = view.summary?.id;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.scrollIntoView({ block: "nearest" }), [view.interfaceId]);
  return (
    <section ref={ref} aria-labelledby="capture-title" data-testid="capture-panel" className="flex flex-col gap-2 rounded-lg border border-slate-300 p-3 dark:border-slate-700">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="capture-title" className="text-lg font-bold">
          Capture on <span className="font-mono">{view.interfaceId}</span>
        </h2>
        <span role="status" aria-live="polite" data-testid="capture-status" className="text-sm text-slate-600 dark:text-slate-300">
          {view.error ? `could not start: ${view.error}` : captureStatusText(view.summary)} · {rows.length} packet{rows.length === 1 ? "" : "s"}
        </span>
        <span className="text-sm">
          <span className="text-emerald-700 dark:text-emerald-400">{counts.correct} correct</span> ·{" "}
          <span className="text-red-700 dark:text-red-400">{counts.incorrect} incorrect</span> ·{" "}
          <span className="text-amber-700 dark:text-amber-300">{counts.partial} partial</span>
        </span>
        <div className="ml-auto flex gap-2">
          {capturing && (
            <button type="button" onClick={onStop} className={BUTTON}>Stop</button>
          )}
          {id && (
            <a href={`/api/captures/${id}/pcap`} download className={`${BUTTON} text-sky-700 dark:text-sky-300`} data-testid="pcap-link">
              Download .pcap
            </a>
          )}
          <button type="button" onClick={onClose} className={BUTTON} aria-label="Close the capture">Close</button>
        </div>
      </div>
      {view.summary?.filter && <p className="font-mono text-xs text-slate-500 dark:text-slate-400">filter: {view.summary.filter}</p>}
      {view.summary?.caveat && <p className="text-xs text-amber-800 dark:text-amber-300">{view.summary.caveat}</p>}
      <PacketTable rows={rows} />
    </section>
  );
}
