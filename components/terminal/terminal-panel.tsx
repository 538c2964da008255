"use client";
import type { LabSocket } from "../use-lab-socket";
import type { TerminalControls } from "./use-terminals";
import { TerminalView } from "./terminal-view";

/** The terminals' drawer: a tab per terminal (× closes it and its shell), the shown one below; drag its corner to resize. */
export function TerminalPanel({ terminals, getSocket }: { terminals: TerminalControls; getSocket: () => LabSocket | null }) {
  const { tabs, error, streams } = terminals;
  if (tabs.length === 0 && !error) return null;
  const shown = tabs.find((t) => t.info.id === terminals.activeId) ?? tabs.at(-1) ?? null;
  return (
    <section id="lab-terminals" aria-label="Terminals" className="flex flex-col rounded-lg border border-slate-300 dark:border-slate-700">
      <div role="tablist" className="flex flex-wrap items-center gap-1 border-b border-slate-300 p-1 dark:border-slate-700">
        {tabs.map(({ info, ended }) => (
          <span key={info.id} className={`inline-flex items-center rounded text-sm ${info.id === shown?.info.id ? "bg-sky-700 text-white" : "bg-slate-100 dark:bg-slate-800"}`}>
            <button type="button" role="tab" aria-selected={info.id === shown?.info.id} className="px-2 py-0.5 font-mono" onClick={() => terminals.activate(info.id)}>
              {info.title}
              {ended && <span className="ml-1 text-xs text-amber-500">(ended)</span>}
            </button>
            <button type="button" aria-label={`Close the terminal in ${info.title}`} title="Close this terminal (ends its shell)" className="px-1.5 hover:text-red-500" onClick={() => terminals.close(info.id)}>
              ×
            </button>
          </span>
        ))}
        <span className="ml-auto pr-1 text-xs text-slate-500">Ctrl+Shift+C / Ctrl+Shift+V: copy / paste</span>
      </div>
      {error && (
        <p role="alert" className="p-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {shown?.ended && <p className="px-2 pt-1 text-sm text-amber-700 dark:text-amber-400">This terminal ended: {shown.ended}.</p>}
      {tabs.length > 0 && (
        <div className="h-80 min-h-40 resize-y overflow-hidden">
          {tabs.map(({ info, ended }) => (
            <TerminalView key={info.id} id={info.id} getSocket={getSocket} streams={streams} visible={info.id === shown?.info.id} ended={ended !== null} />
          ))}
        </div>
      )}
    </section>
  );
}
