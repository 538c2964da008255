"use client";
import type { TerminalTarget } from "@/lib/contracts/terminal";
import { useGraphActions } from "./graph-actions";

/** `>_`: opens a terminal there. Drawn only on the operator's page (viewers and students never get one). */
export function TerminalButton({ target, label, testId }: { target: TerminalTarget; label: string; testId: string }) {
  const { openTerminal } = useGraphActions();
  if (!openTerminal) return null;
  return (
    <button
      type="button"
      data-testid={testId}
      aria-label={label}
      title={label}
      onClick={() => openTerminal(target)}
      className="nodrag rounded bg-slate-800 px-1 font-mono text-[10px] leading-4 text-emerald-300 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-sky-500"
    >
      &gt;_
    </button>
  );
}
