"use client";
import { useCallback, useState } from "react";
import type { EditAnswer } from "./use-lab-edits";

/** What the last change said: done, or the server's refusal in its own words. */
export function useEditStatus(): { status: { ok: boolean; text: string } | null; busy: boolean; run: <T>(work: () => Promise<EditAnswer<T>>, done: (value: T) => string) => Promise<void> } {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T,>(work: () => Promise<EditAnswer<T>>, done: (value: T) => string) => {
    setBusy(true);
    const answer = await work();
    setBusy(false);
    setStatus(answer.ok ? { ok: true, text: done(answer.value) } : { ok: false, text: answer.error });
  }, []);
  return { status, busy, run };
}

export function EditStatus({ status }: { status: { ok: boolean; text: string } | null }) {
  if (!status) return null;
  return (
    <p role="status" className={`text-xs ${status.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
      {status.text}
    </p>
  );
}
