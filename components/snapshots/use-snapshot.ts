"use client";
import { useEffect, useState } from "react";

export type Load<T> = { state: "loading" } | { state: "error"; message: string } | { state: "ready"; value: T };

/** Loads once per key (no socket: a snapshot never changes); a newer key aborts the older request. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Load<T> {
  // A result belongs to the key it was loaded for: a newer key shows "loading" until its own arrives.
  const [result, setResult] = useState<{ key: string; load: Load<T> } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    load(abort.signal).then(
      (value) => abort.signal.aborted || setResult({ key, load: { state: "ready", value } }),
      (err: unknown) => abort.signal.aborted || setResult({ key, load: { state: "error", message: err instanceof Error ? err.message : String(err) } }),
    );
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key names what is loaded
  }, [key]);
  return result?.key === key ? result.load : { state: "loading" };
}
