"use client";
import { useState, type FormEvent } from "react";
import type { ApiClient } from "@/lib/api-client/api-client";
import { LAB_FILE_NAME_PATTERN, PROTECTED_LAB_FILES } from "@/lib/contracts/lab-files";
import type { LabSpec } from "@/lib/lab-spec/schema";
import { BUTTON, FIELD } from "../panels/edit-styles";

/** "Save to labs/": the file's name; an existing file is replaced only when asked. */
export function SaveLabForm({ spec, api }: { spec: LabSpec | null; api: ApiClient }) {
  const [name, setName] = useState(spec?.id ?? "");
  const [overwrite, setOverwrite] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const problem = (PROTECTED_LAB_FILES as readonly string[]).includes(name) ? "seed.yaml is the seed lab: choose another name" : LAB_FILE_NAME_PATTERN.test(name) ? null : "a lower-case letter, then lower-case letters, digits or -";
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!spec || problem) return;
    try {
      const saved = await api.labSave({ body: { name, spec, overwrite } });
      setStatus({ ok: true, text: `${saved.replaced ? "replaced" : "saved"} ${saved.file} (${saved.bytes} bytes)` });
    } catch (err) {
      setStatus({ ok: false, text: (err as Error).message });
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Save to labs/" className="flex flex-col gap-1 text-xs">
      <div className="flex items-end gap-1">
        <label className="flex flex-1 flex-col gap-0.5">
          File name (labs/&lt;name&gt;.yaml)
          <input aria-label="lab file name" value={name} onChange={(e) => (setName(e.target.value), setStatus(null))} aria-invalid={problem !== null} className={FIELD} />
        </label>
        <button type="submit" className={BUTTON} disabled={!spec || problem !== null} title={spec ? undefined : "fix the errors first"}>
          Save to labs/
        </button>
      </div>
      <label className="flex items-center gap-1">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> replace an existing file
      </label>
      {problem && name && <span role="alert" className="text-red-700 dark:text-red-300">{problem}</span>}
      {status && (
        <span role="status" className={status.ok ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-300"}>
          {status.text}
        </span>
      )}
    </form>
  );
}
