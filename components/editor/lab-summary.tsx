"use client";
import type { ApiClient } from "@/lib/api-client/api-client";
import type { LabDraft } from "@/lib/lab-editor/lab-draft";
import type { LabSpec } from "@/lib/lab-spec/schema";
import { CommitField } from "./commit-field";
import { SaveLabForm } from "./save-lab-form";

/** With nothing selected: the lab itself (id, title, its own errors) and Save to labs/. */
export function LabSummary({ draft, errors, spec, api, edit }: { draft: LabDraft; errors: ReadonlyMap<string, string[]>; spec: LabSpec | null; api: ApiClient; edit: (change: (d: LabDraft) => LabDraft) => void }) {
  const all = [...errors.entries()].flatMap(([field, messages]) => messages.map((m) => (field ? `${field}: ${m}` : m)));
  return (
    <section aria-label="The lab" className="flex flex-col gap-2 text-sm">
      <h3 className="font-semibold">Lab {draft.id}</h3>
      <p className="text-xs text-slate-600 dark:text-slate-300">
        Select a card or a link to edit it. Drag from an endpoint&apos;s top handle to a bridge to put its port there; from a bridge&apos;s right handle to another bridge for a patch link. Delete removes what is
        selected.
      </p>
      <CommitField label="Title" value={draft.title ?? ""} onCommit={(title) => edit((d) => ({ ...d, title }))} />
      {all.map((m) => (
        <p key={m} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {m}
        </p>
      ))}
      <SaveLabForm key={draft.id} spec={spec} api={api} />
    </section>
  );
}
