import { PROTOCOLS, type Protocol } from "@/lib/contracts/matrix";
import type { ExperimentRunState } from "@/lib/contracts/experiment";
import { experimentTable, savedExperimentTable } from "@/lib/experiment/experiment-table";
import { VariantRow } from "./variant-row";

/** Which variants to run: absent on a saved (read-only) table, which also shows only the variants of its run. */
export interface VariantSelection {
  selected: ReadonlySet<string>;
  locked: boolean;
  onSelect: (variantId: string, on: boolean) => void;
}

export interface ExperimentTableProps {
  run: ExperimentRunState | null;
  /** Probes landed so far, per variant id. */
  probes?: Record<string, number>;
  selection?: VariantSelection;
}

/** The seed's A/B table: one group per switch, a row per endpoint kind and container offload. */
export function ExperimentTable({ run, probes = {}, selection }: ExperimentTableProps) {
  const protocols: readonly Protocol[] = run?.protocols ?? PROTOCOLS;
  const groups = selection ? experimentTable(run) : savedExperimentTable(run);
  return (
    <table className="w-full border-collapse text-sm" data-testid="experiment-table" aria-label="The seed's A/B table">
      <thead className="bg-slate-100 text-left dark:bg-slate-800">
        <tr>
          {selection && <th scope="col" className="px-2 py-1 font-semibold">run</th>}
          <th scope="col" className="px-2 py-1 font-semibold">endpoints</th>
          <th scope="col" className="px-2 py-1 font-semibold">container offload</th>
          <th scope="col" className="px-2 py-1 font-semibold">status</th>
          {protocols.map((p) => (
            <th key={p} scope="col" className="px-1 py-1 text-center font-semibold">{p.toUpperCase()} ok</th>
          ))}
          <th scope="col" className="px-2 py-1 font-semibold">failing pairs</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group.switch} data-testid={`switch-${group.switch}`}>
          <tr>
            <th scope="rowgroup" colSpan={(selection ? 5 : 4) + protocols.length} className="border-t-2 border-slate-300 bg-slate-50 px-2 py-1 text-left font-bold dark:border-slate-600 dark:bg-slate-900">
              {group.label}
            </th>
          </tr>
          {group.rows.map((r) => (
            <VariantRow
              key={r.variant.id}
              variant={r.variant}
              result={r.result}
              probes={probes[r.variant.id] ?? 0}
              protocols={protocols}
              select={selection && { selected: selection.selected.has(r.variant.id), locked: selection.locked, onSelect: (on) => selection.onSelect(r.variant.id, on) }}
            />
          ))}
        </tbody>
      ))}
    </table>
  );
}
