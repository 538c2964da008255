"use client";
import { useState } from "react";
import { snapshotUrls } from "./snapshot-client";

const BUTTON = "rounded-md border border-slate-400 px-2 py-1 text-sm font-semibold hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-500 dark:hover:bg-slate-800";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The read-only link of a saved snapshot, with copy and export. */
export function ShareLink({ id }: { id: string }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const url = `${window.location.origin}${snapshotUrls.page(id)}`;
  return (
    <div className="flex flex-col gap-2" data-testid="share-link">
      <label className="text-sm font-semibold" htmlFor={`share-${id}`}>Read-only link (anyone with it can view)</label>
      <div className="flex flex-wrap items-center gap-2">
        <input id={`share-${id}`} readOnly value={url} onFocus={(e) => e.currentTarget.select()} className="min-w-0 flex-1 rounded-md border border-slate-400 bg-slate-50 px-2 py-1 font-mono text-sm dark:border-slate-500 dark:bg-slate-800" />
        <button type="button" className={BUTTON} onClick={async () => setCopied((await copyText(url)) ? "yes" : "no")}>Copy link</button>
      </div>
      <p role="status" aria-live="polite" className="text-xs text-slate-600 dark:text-slate-400">
        {copied === "yes" ? "Copied." : copied === "no" ? "This browser refused the clipboard: select the link and copy it." : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        <a href={snapshotUrls.page(id)} className={BUTTON} data-testid="open-snapshot">Open {snapshotUrls.page(id)}</a>
        <a href={snapshotUrls.export(id)} download className={BUTTON}>Export file</a>
      </div>
    </div>
  );
}
