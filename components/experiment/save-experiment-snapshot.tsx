"use client";
import { useState } from "react";
import type { ExperimentRunState } from "@/lib/contracts/experiment";
import { snapshotApi, snapshotUrls } from "../snapshots/snapshot-client";

const FIELD = "w-72 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900";

type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; id: string } | { kind: "error"; message: string };

/** "Save as snapshot" for a finished run; once saved, the read-only link. Keyed by run id, so a new run starts afresh. */
export function SaveExperimentSnapshot({ run }: { run: ExperimentRunState }) {
  const [title, setTitle] = useState(() => `A/B experiment, ${new Date(run.startedAt || Date.now()).toLocaleString()}`);
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const save = () => {
    setState({ kind: "saving" });
    snapshotApi.saveExperiment(run.id, title, "").then(
      ({ id }) => setState({ kind: "saved", id }),
      (err: unknown) => setState({ kind: "error", message: err instanceof Error ? err.message : String(err) }),
    );
  };
  if (state.kind === "saved")
    return (
      <p role="status" className="text-sm" data-testid="experiment-snapshot-link">
        Saved as snapshot:{" "}
        <a href={snapshotUrls.page(state.id)} className="font-mono font-semibold text-sky-700 underline dark:text-sky-300">{snapshotUrls.page(state.id)}</a>
      </p>
    );
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={(e) => (e.preventDefault(), save())}>
      <label className="flex flex-col text-xs">
        snapshot title
        <input className={FIELD} value={title} required maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <button
        type="submit"
        disabled={state.kind === "saving" || !title.trim()}
        className="rounded-md border border-sky-600 px-2 py-1 text-sm font-semibold text-sky-800 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 dark:text-sky-200 dark:hover:bg-slate-800"
      >
        {state.kind === "saving" ? "Saving…" : "Save as snapshot"}
      </button>
      {state.kind === "error" && <span role="alert" className="text-sm text-red-700 dark:text-red-400">{state.message}</span>}
    </form>
  );
}
