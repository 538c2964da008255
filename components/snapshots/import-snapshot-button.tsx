"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { snapshotApi, snapshotUrls } from "./snapshot-client";

type ImportState = { kind: "idle" } | { kind: "importing"; name: string } | { kind: "imported"; id: string; name: string } | { kind: "refused"; name: string; message: string };

/** Uploads an exported snapshot file; a refused file shows the server's message as it is. */
export function ImportSnapshotButton({ onImported }: { onImported?: (id: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: "idle" });
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setState({ kind: "importing", name: file.name });
    try {
      const { id } = await snapshotApi.importFile(file);
      setState({ kind: "imported", id, name: file.name });
      onImported?.(id);
    } catch (err) {
      setState({ kind: "refused", name: file.name, message: err instanceof Error ? err.message : String(err) });
    } finally {
      if (input.current) input.current.value = "";
    }
  };
  return (
    <div className="flex flex-col items-start gap-1" data-testid="import-snapshot">
      <label className="cursor-pointer rounded-md border border-slate-400 px-2 py-1 text-sm font-semibold hover:bg-slate-100 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800">
        Import snapshot file…
        <input ref={input} type="file" accept="application/json,.json" className="sr-only" onChange={(e) => upload(e.target.files?.[0])} />
      </label>
      {state.kind !== "idle" && (
        <p role={state.kind === "refused" ? "alert" : "status"} data-testid="import-result" data-kind={state.kind} className={`max-w-xl text-sm ${state.kind === "refused" ? "text-red-700 dark:text-red-400" : ""}`}>
          {state.kind === "importing" && `Importing ${state.name}…`}
          {state.kind === "imported" && (
            <>
              Imported {state.name}: <Link className="font-semibold underline" href={snapshotUrls.page(state.id)}>open it</Link>
            </>
          )}
          {state.kind === "refused" && (
            <>
              {state.name} was refused: <span data-testid="import-error">{state.message}</span>
            </>
          )}
        </p>
      )}
    </div>
  );
}
