"use client";
import { useCallback, useEffect, useState } from "react";

export type Polled<T> = { kind: "loading" } | { kind: "failed"; message: string } | { kind: "ready"; value: T };

/** Reads now and every `everyMs` while the page is open (lists the server sends no events for); `reload` reads at once. */
export function usePolled<T>(read: () => Promise<T>, everyMs: number): { data: Polled<T>; reload: () => void } {
  const [data, setData] = useState<Polled<T>>({ kind: "loading" });
  const reload = useCallback(() => {
    read().then(
      (value) => setData({ kind: "ready", value }),
      (err: unknown) => setData({ kind: "failed", message: err instanceof Error ? err.message : String(err) }),
    );
  }, [read]);
  useEffect(() => {
    reload();
    const timer = setInterval(reload, everyMs);
    return () => clearInterval(timer);
  }, [reload, everyMs]);
  return { data, reload };
}
