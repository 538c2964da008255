import type { FinishedExperiment } from "@/lib/snapshots/experiment-schema";
import { runProgress } from "@/lib/experiment/experiment-table";
import { ExperimentTable } from "../experiment/experiment-table";

/** A saved A/B experiment: the table of the variants it ran, read-only, as the experiment page showed it when the run finished. */
export function SnapshotExperiment({ experiment }: { experiment: FinishedExperiment }) {
  const { finished, total } = runProgress(experiment);
  return (
    <section aria-labelledby="saved-experiment" data-testid="snapshot-experiment" className="flex flex-col gap-1">
      <h2 id="saved-experiment" className="text-lg font-bold">A/B experiment</h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {total} variant{total === 1 ? "" : "s"} ({finished} finished), run {new Date(experiment.startedAt).toLocaleString()} to {new Date(experiment.finishedAt).toLocaleString()}
      </p>
      <div className="overflow-x-auto rounded-lg border border-slate-300 dark:border-slate-700">
        <ExperimentTable run={experiment} />
      </div>
    </section>
  );
}
