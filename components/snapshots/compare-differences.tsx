"use client";
import { OFFLOAD_FEATURES } from "@/lib/contracts/offload";
import type { SnapshotComparison } from "@/lib/snapshots/snapshot-api-types";
import { featureWord, outcomeWord } from "@/lib/snapshots/compare-view";

const CHANGED = "rounded bg-amber-200 px-1 font-semibold text-amber-950";

/** The differences in words: endpoints added or removed, offload changes, cells that flipped. */
export function CompareDifferences({ diff }: { diff: SnapshotComparison }) {
  const { endpoints, offload, cells } = diff;
  const none = !endpoints.added.length && !endpoints.removed.length && !offload.length && !cells.length;
  return (
    <section aria-labelledby="differences-title" data-testid="compare-differences" className="flex flex-col gap-2 rounded-lg border-l-4 border-amber-400 bg-amber-50 p-3 dark:bg-amber-950/40">
      <h2 id="differences-title" className="text-lg font-bold">Differences from A to B</h2>
      {none && <p>None: same endpoints, same offload states, same test results.</p>}
      {(endpoints.added.length > 0 || endpoints.removed.length > 0) && (
        <p data-testid="endpoint-changes">
          Endpoints {endpoints.added.length > 0 && <>added in B: <span className={CHANGED}>{endpoints.added.join(", ")}</span> </>}
          {endpoints.removed.length > 0 && <>removed in B: <span className={CHANGED}>{endpoints.removed.join(", ")}</span></>}
        </p>
      )}
      <div className="flex flex-wrap items-start gap-8">
        {offload.length > 0 && (
          <table className="text-sm" aria-label="Offload changes">
            <caption className="pb-1 text-left font-semibold">Offload changes ({offload.length})</caption>
            <thead>
              <tr className="text-left"><th scope="col" className="pr-3">interface</th><th scope="col" className="pr-3">feature</th><th scope="col" className="pr-3">A</th><th scope="col">B</th></tr>
            </thead>
            <tbody>
              {offload.map((c) => (
                <tr key={`${c.interfaceId}/${c.feature}`} data-testid={`offload-change-${c.interfaceId}-${c.feature}`} className="font-mono">
                  <td className="pr-3">{c.interfaceId}</td>
                  <td className="pr-3" title={OFFLOAD_FEATURES[c.feature]}>{c.feature}</td>
                  <td className="pr-3">{featureWord(c.a)}</td>
                  <td><span className={CHANGED}>{featureWord(c.b)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {cells.length > 0 && (
          <table className="text-sm" aria-label="Cells that flipped">
            <caption className="pb-1 text-left font-semibold">Cells that flipped ({cells.length}), outlined in both matrices</caption>
            <thead>
              <tr className="text-left"><th scope="col" className="pr-3">test</th><th scope="col" className="pr-3">A</th><th scope="col">B</th></tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr key={`${c.protocol}:${c.from}>${c.to}`} data-testid={`flipped-${c.protocol}-${c.from}-${c.to}`} className="font-mono">
                  <td className="pr-3">{c.protocol} {c.from} → {c.to}</td>
                  <td className="pr-3">{outcomeWord(c.a)}</td>
                  <td><span className={CHANGED}>{outcomeWord(c.b)}</span></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
