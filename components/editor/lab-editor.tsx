"use client";
import { useCallback, useMemo, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { addBridge, addEndpoint, addPatchLink, connectEndpoint } from "@/lib/lab-editor/edit-actions";
import { connectionEdit, editorEdgeId, editorItemOf, editorNodeId } from "@/lib/lab-editor/editor-flow";
import { suggestNewLab } from "@/lib/lab-editor/lab-draft";
import { labFileName, labSpecToYaml } from "@/lib/lab-editor/lab-yaml";
import { errorsByTarget } from "@/lib/lab-editor/validate-draft";
import { ApplyPanel } from "./apply-panel";
import { deleteItems } from "./delete-items";
import { EditorCanvas } from "./editor-canvas";
import { EditorToolbar } from "./editor-toolbar";
import { NewLabForm } from "./new-lab-form";
import { SelectionPanel } from "./selection-panel";
import { useLabEditor } from "./use-lab-editor";

export interface LabEditorProps {
  routeLabId?: string;
  colorMode: "dark" | "light";
  progress: { done: number; total: number };
  onRetest: (pairs: [string, string][]) => void;
  onClose: () => void;
}

/** The operator's editor: palette, canvas, properties, Apply / Discard / Save / Download. */
export function LabEditor({ routeLabId, colorMode, progress, onRetest, onClose }: LabEditorProps) {
  const editor = useLabEditor({ routeLabId, onRetest });
  const { draft, check, edit } = editor;
  const [selected, setSelected] = useState<string | null>(null);
  const [newLabOpen, setNewLabOpen] = useState(false);
  const errors = useMemo(() => (check && !check.ok ? check.errors : []), [check]);
  const byTarget = useMemo(() => errorsByTarget(errors), [errors]);

  const add = useCallback(
    (what: "container" | "netns" | "bridge") =>
      edit((d) => {
        if (what === "bridge") {
          const r = addBridge(d);
          setSelected(editorNodeId.bridge(r.name));
          return r.draft;
        }
        // A new endpoint goes on the selected bridge, else the first.
        const item = selected ? editorItemOf(selected) : null;
        const r = addEndpoint(d, what, item?.kind === "bridge" ? item.name : undefined);
        setSelected(editorNodeId.endpoint(r.name));
        return r.draft;
      }),
    [edit, selected],
  );
  const connect = useCallback(
    (source: string, target: string) => {
      const wanted = connectionEdit(source, target);
      if (wanted?.kind === "attach") {
        edit((d) => connectEndpoint(d, wanted.endpoint, wanted.bridge));
        setSelected(editorEdgeId.port(wanted.endpoint));
      } else if (wanted?.kind === "patch") {
        edit((d) => addPatchLink(d, wanted.a, wanted.b));
        setSelected(editorEdgeId.patch(wanted.a, wanted.b));
      }
    },
    [edit],
  );
  const remove = useCallback(
    (ids: string[]) => {
      edit((d) => deleteItems(d, ids));
      setSelected(null);
    },
    [edit],
  );
  const download = useCallback(() => {
    if (!check?.ok) return;
    const url = URL.createObjectURL(new Blob([labSpecToYaml(check.spec)], { type: "application/yaml" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: labFileName(check.spec) });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }, [check]);

  const busy = ["up", "opening"].includes(editor.apply.phase);
  const showNewLab = newLabOpen || (!editor.loading && !draft);
  return (
    <div className="flex flex-col gap-2" data-testid="lab-editor">
      <EditorToolbar
        canEdit={!!draft && !busy}
        canApply={!!check?.ok && !!editor.diff && !editor.diff.empty}
        busy={busy}
        errorCount={errors.length}
        onAdd={add}
        onDelete={selected && !busy ? () => remove([selected]) : null}
        onApply={() => editor.setApply({ phase: "confirm" })}
        onDiscard={() => (editor.discard(), setSelected(null))}
        onNewLab={() => setNewLabOpen(true)}
        onDownload={check?.ok ? download : null}
        onClose={onClose}
      />
      {editor.notice && (
        <p role="alert" className="rounded border border-red-400 px-2 py-1 text-sm text-red-700 dark:text-red-300">
          {editor.notice}
        </p>
      )}
      {editor.diff && editor.apply.phase !== "idle" && (
        <ApplyPanel
          diff={editor.diff}
          apply={editor.apply}
          progress={progress}
          onConfirm={() => void editor.runApply()}
          onCancel={() => editor.setApply({ phase: "idle" })}
        />
      )}
      <div className="flex flex-col gap-3 lg:flex-row">
        <div className="h-[62vh] min-h-96 flex-1 rounded-lg border border-sky-400" data-testid="editor-canvas">
          {draft ? (
            <ReactFlowProvider>
              <EditorCanvas draft={draft} errors={errors} selected={selected} colorMode={colorMode} onSelect={setSelected} onConnect={connect} onDelete={remove} />
            </ReactFlowProvider>
          ) : (
            <p className="p-4 text-slate-500">{editor.loading ? "Reading the lab…" : "No lab runs here: start a new one."}</p>
          )}
        </div>
        <aside aria-label="Properties" className="w-full shrink-0 overflow-y-auto rounded-lg border border-slate-300 p-3 lg:h-[62vh] lg:w-96 dark:border-slate-700">
          {showNewLab ? (
            <NewLabForm
              initial={suggestNewLab(editor.running ? [editor.running.id] : [])}
              onCreate={(choice) => {
                editor.startNewLab(choice);
                setNewLabOpen(false);
                setSelected(null);
              }}
              onCancel={draft ? () => setNewLabOpen(false) : undefined}
            />
          ) : (
            draft && (
              <SelectionPanel
                draft={draft}
                selected={selected}
                byTarget={byTarget}
                spec={check?.ok ? check.spec : null}
                api={editor.api}
                edit={edit}
                onSelect={setSelected}
              />
            )
          )}
        </aside>
      </div>
    </div>
  );
}
