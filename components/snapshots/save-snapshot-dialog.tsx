"use client";
import { useRef, useState, type FormEvent } from "react";
import type { GraphLayout } from "@/lib/snapshots/snapshot-format";
import { snapshotApi } from "./snapshot-client";
import { ShareLink } from "./share-link";

const PRIMARY = "rounded-md bg-sky-600 px-3 py-1 font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50";
const SECONDARY = "rounded-md border border-slate-400 px-3 py-1 font-semibold hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";
const FIELD = "rounded-md border border-slate-400 bg-white px-2 py-1 dark:border-slate-500 dark:bg-slate-900";

type SaveState = { kind: "editing" } | { kind: "saving" } | { kind: "saved"; id: string } | { kind: "failed"; message: string };

/** "Save snapshot": title and description, then the share link. `layout` gives the cards' dragged positions at save time. */
export function SaveSnapshotDialog({ layout, disabled, labId }: { layout: () => GraphLayout; disabled: boolean; labId?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [state, setState] = useState<SaveState>({ kind: "editing" });

  /** Opening again shows the last share link until "Save another". */
  const open = () => dialog.current?.showModal();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ kind: "saving" });
    try {
      const { id } = await snapshotApi.save(title, description, layout(), labId);
      setState({ kind: "saved", id });
      setTitle("");
      setDescription("");
    } catch (err) {
      setState({ kind: "failed", message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <>
      <button type="button" onClick={open} disabled={disabled} className={SECONDARY + " text-sm disabled:opacity-50"}>Save snapshot</button>
      <dialog
        ref={dialog}
        aria-labelledby="save-snapshot-title"
        data-testid="save-snapshot-dialog"
        className="m-auto w-[min(36rem,92vw)] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-950/60 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id="save-snapshot-title" className="mb-3 text-lg font-bold">Save a snapshot of this lab</h2>
        {state.kind === "saved" ? (
          <div className="flex flex-col gap-3">
            <p role="status">Saved. The snapshot keeps the topology, offload states, host facts, the last full test run and the card layout.</p>
            <ShareLink id={state.id} />
            <div className="flex justify-end gap-2">
              <button type="button" className={SECONDARY} onClick={() => setState({ kind: "editing" })}>Save another</button>
              <button type="button" className={PRIMARY} onClick={() => dialog.current?.close()}>Close</button>
            </div>
          </div>
        ) : (
          <form onSubmit={submit} className="flex flex-col gap-3">
            <label className="flex flex-col gap-1 text-sm font-semibold">
              Title
              <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} className={FIELD + " font-normal"} autoFocus />
            </label>
            <label className="flex flex-col gap-1 text-sm font-semibold">
              Description
              <textarea rows={3} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} className={FIELD + " font-normal"} />
            </label>
            {state.kind === "failed" && <p role="alert" className="text-sm text-red-700 dark:text-red-400">Not saved: {state.message}</p>}
            <div className="flex justify-end gap-2">
              <button type="button" className={SECONDARY} onClick={() => dialog.current?.close()}>Cancel</button>
              <button type="submit" className={PRIMARY} disabled={state.kind === "saving" || !title.trim()}>{state.kind === "saving" ? "Saving…" : "Save"}</button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
