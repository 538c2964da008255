"use client";
import { useCallback, useEffect, useState } from "react";
import type { EditAnswer } from "./use-lab-edits";

/** A list read from the server when shown and on `reload()`; `replace` puts in the list a change answered with. */
export function useListed<T>(load: () => Promise<EditAnswer<T>>): { list: EditAnswer<T> | null; reload: () => void; replace: (value: T) => void } {
  const [list, setList] = useState<EditAnswer<T> | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((answer) => live && setList(answer));
    return () => {
      live = false;
    };
  }, [load, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback((value: T) => setList({ ok: true, value }), []);
  return { list, reload, replace };
}
