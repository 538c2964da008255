"use client";
import { describeDiff, type SpecDiff } from "@/lib/lab-editor/spec-diff";
import type { ApplyPhase } from "./apply-edit";
import { BUTTON, QUIET_BUTTON } from "../panels/edit-styles";

export interface ApplyPanelProps {
  diff: SpecDiff;
  apply: ApplyPhase;
  /** The page's matrix progress, while the changed pairs are tested. */
  progress: { done: number; total: number };
  onConfirm: () => void;
  onCancel: () => void;
}

/** What Apply will change, asked before it acts; then where it is. */
export function ApplyPanel({ diff, apply, progress, onConfirm, onCancel }: ApplyPanelProps) {
  const lines = describeDiff(diff);
  return (
    <section role="region" aria-label="Apply" data-testid="apply-panel" className="flex flex-col gap-1 rounded-lg border border-amber-400 bg-amber-50 p-2 text-sm dark:bg-amber-950">
      {apply.phase === "confirm" && (
        <>
          <h3 className="font-semibold">Apply these changes?</h3>
          <ul className="list-disc pl-5">
            {lines.map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
          <p className="text-xs">
            {diff.newLab ? "Every pair is tested on the new lab's page." : `Then ${diff.retestPairs.length} ordered pair${diff.retestPairs.length === 1 ? "" : "s"} are tested again.`} Only what changed is
            started or changed; the other endpoints keep running.
          </p>
          <div className="flex gap-2">
            <button type="button" className={BUTTON} onClick={onConfirm}>
              Apply now
            </button>
            <button type="button" className={QUIET_BUTTON} onClick={onCancel}>
              Not yet
            </button>
          </div>
        </>
      )}
      {apply.phase === "up" && <p role="status">Bringing the lab up: starting what is new, changing what changed…</p>}
      {apply.phase === "opening" && <p role="status">Lab {apply.labId} is up; opening its page, where every pair is tested…</p>}
      {apply.phase === "testing" && (
        <p role="status" data-testid="apply-testing">
          Applied. {progress.total > progress.done ? `Testing the changed pairs: ${progress.done}/${progress.total} probes…` : `Tested the ${apply.pairs} changed pairs: see the matrix.`}
          <button type="button" className={`${QUIET_BUTTON} ml-2`} onClick={onCancel}>
            Close
          </button>
        </p>
      )}
      {apply.phase === "failed" && (
        <p role="alert">
          Apply failed: {apply.message}
          <button type="button" className={`${QUIET_BUTTON} ml-2`} onClick={onCancel}>
            Close
          </button>
        </p>
      )}
    </section>
  );
}
