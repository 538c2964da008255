"use client";
import type { RestoreOutcome } from "@/lib/snapshots/snapshot-api-types";
import { outcomeWord } from "@/lib/snapshots/compare-view";

/** What a restore found: whether the live run matches the saved one, and each cell that does not. */
export function RestoreResult({ outcome }: { outcome: RestoreOutcome }) {
  const failedOffload = outcome.offload.filter((o) => o.error);
  return (
    <div data-testid="restore-result" data-matches={String(outcome.matchesSavedRun)} className="flex flex-col gap-1 text-sm">
      <p className={`font-semibold ${outcome.matchesSavedRun === false ? "text-amber-800 dark:text-amber-300" : outcome.matchesSavedRun ? "text-emerald-700 dark:text-emerald-400" : ""}`}>
        Restored into lab {outcome.labId}:{" "}
        {outcome.matchesSavedRun === null
          ? "the snapshot has no saved run to compare with."
          : outcome.matchesSavedRun
            ? "the live results match the saved run."
            : `${outcome.differences.length} cell${outcome.differences.length === 1 ? "" : "s"} differ from the saved run.`}
      </p>
      {outcome.differences.length > 0 && (
        <ul className="list-disc pl-5 font-mono" aria-label="Cells that differ from the saved run">
          {outcome.differences.map((c) => (
            <li key={`${c.protocol}:${c.from}>${c.to}`}>
              {c.protocol} {c.from} → {c.to}: saved {outcomeWord(c.a)}, live {outcomeWord(c.b)}
            </li>
          ))}
        </ul>
      )}
      {outcome.transient.length > 0 && (
        <p className="text-slate-600 dark:text-slate-400">{outcome.transient.length} cell(s) differed once and agreed when probed again (a lost datagram, not a changed lab).</p>
      )}
      {failedOffload.map((o) => (
        <p key={o.interfaceId} className="text-amber-800 dark:text-amber-300">Offload of {o.interfaceId} not restored: {o.error}</p>
      ))}
    </div>
  );
}
