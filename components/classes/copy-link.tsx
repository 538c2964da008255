"use client";
import { useRef, useState } from "react";
import { QUIET_BUTTON } from "../panels/edit-styles";

/**
 * A student's personal link with a Copy button. The clipboard API exists only on https and localhost;
 * elsewhere (a class on the LAN over http) the text is selected and copied the old way.
 */
export function CopyLink({ url, label }: { url: string; label: string }) {
  const field = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<string | null>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard here");
      await navigator.clipboard.writeText(url);
      setSaid("copied");
    } catch {
      field.current?.select();
      setSaid(document.execCommand("copy") ? "copied" : "selected: press Ctrl+C");
    }
  };
  return (
    <span className="inline-flex items-center gap-1">
      <input ref={field} readOnly value={url} aria-label={label} onFocus={(e) => e.currentTarget.select()} className="w-56 rounded border border-slate-300 bg-slate-50 px-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800" />
      <button type="button" className={QUIET_BUTTON} onClick={() => void copy()} aria-label={`Copy ${label}`}>
        Copy
      </button>
      {said && <span role="status" className="text-xs text-emerald-700 dark:text-emerald-400">{said}</span>}
    </span>
  );
}
