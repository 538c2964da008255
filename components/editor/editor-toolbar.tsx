"use client";
import { BUTTON, QUIET_BUTTON } from "../panels/edit-styles";

export interface EditorToolbarProps {
  canEdit: boolean;
  canApply: boolean;
  busy: boolean;
  errorCount: number;
  onAdd: (what: "container" | "netns" | "bridge") => void;
  onDelete: (() => void) | null;
  onApply: () => void;
  onDiscard: () => void;
  onNewLab: () => void;
  onDownload: (() => void) | null;
  onClose: () => void;
}

/** The palette and the editor's commands. */
export function EditorToolbar({ canEdit, canApply, busy, errorCount, onAdd, onDelete, onApply, onDiscard, onNewLab, onDownload, onClose }: EditorToolbarProps) {
  return (
    <div role="toolbar" aria-label="Lab editor" className="flex flex-wrap items-center gap-1.5 rounded-lg border border-sky-400 p-2">
      <span className="mr-1 font-semibold">Editing</span>
      <button type="button" className={QUIET_BUTTON} disabled={!canEdit} onClick={() => onAdd("container")}>
        + Container
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={!canEdit} onClick={() => onAdd("netns")}>
        + Namespace
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={!canEdit} onClick={() => onAdd("bridge")}>
        + Bridge
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={!onDelete} onClick={() => onDelete?.()} title="or press Delete">
        Delete selected
      </button>
      <span className="mx-1 h-5 border-l border-slate-300 dark:border-slate-600" />
      <button type="button" className={BUTTON} disabled={!canApply || busy} onClick={onApply} title={errorCount ? `${errorCount} error(s) to fix first` : undefined}>
        Apply
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={busy} onClick={onDiscard}>
        Discard
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={busy} onClick={onNewLab}>
        New lab
      </button>
      <button type="button" className={QUIET_BUTTON} disabled={!onDownload} onClick={() => onDownload?.()}>
        Download YAML
      </button>
      {errorCount > 0 && (
        <span role="status" className="text-sm text-red-700 dark:text-red-300">
          {errorCount} error{errorCount > 1 ? "s" : ""}
        </span>
      )}
      <button type="button" className={`${QUIET_BUTTON} ml-auto`} onClick={onClose}>
        Done editing
      </button>
    </div>
  );
}
