"use client";
import { useCallback, useState } from "react";
import type { FlowRule } from "@/lib/contracts/lab-edits";
import { QUIET_BUTTON, SECTION } from "./edit-styles";
import type { LabEdits } from "./use-lab-edits";
import { useListed } from "./use-listed";

function FlowRow({ flow, showBridge, canDelete, why, onDelete }: { flow: FlowRule; showBridge: boolean; canDelete: boolean; why: string | undefined; onDelete: () => void }) {
  return (
    <li className="flex items-start justify-between gap-2 border-b border-slate-200 py-1 text-xs last:border-0 dark:border-slate-700">
      <span className="font-mono break-all">
        {showBridge && flow.bridge && <span className="mr-1 rounded bg-slate-200 px-1 dark:bg-slate-700">{flow.bridge}</span>}
        {flow.table > 0 && `table=${flow.table} `}priority={flow.priority}
        {flow.match && `,${flow.match}`} <span className="text-slate-500">actions=</span>
        {flow.actions}
        <span className="ml-1 text-slate-500">({flow.packets} packets)</span>
      </span>
      <button type="button" disabled={!canDelete} title={why} aria-label={`delete rule priority=${flow.priority} ${flow.match}`} onClick={onDelete} className={QUIET_BUTTON}>
        Delete
      </button>
    </li>
  );
}

/** The lab bridges' OpenFlow rules, as the switch has them, each with a Delete (the bridge's own NORMAL rule is kept). */
export function FlowListPanel({ refused, edits }: { refused: string | null; edits: LabEdits }) {
  const { list, reload, replace } = useListed(edits.listFlows);
  const [error, setError] = useState<string | null>(null);
  const remove = useCallback(
    async (id: string) => {
      const answer = await edits.deleteFlow(id);
      setError(answer.ok ? null : answer.error);
      if (answer.ok) replace({ bridge: answer.value.bridge, bridges: answer.value.bridges, flows: answer.value.flows });
    },
    [edits, replace],
  );
  return (
    <section aria-labelledby="flows-title" data-testid="flow-list" className={SECTION}>
      <div className="flex items-center justify-between">
        <h3 id="flows-title" className="font-semibold">OpenFlow rules{list?.ok ? ` of ${(list.value.bridges ?? [list.value.bridge]).join(", ")}` : ""}</h3>
        <button type="button" onClick={reload} className={QUIET_BUTTON}>Refresh</button>
      </div>
      {!list && <p className="text-xs text-slate-500">Reading the rules…</p>}
      {list && !list.ok && <p className="text-xs text-red-700 dark:text-red-400">{list.error}</p>}
      {list?.ok && (
        <ul>
          {list.value.flows.map((f) => (
            <FlowRow
              key={f.id}
              flow={f}
              showBridge={(list.value.bridges?.length ?? 1) > 1}
              canDelete={refused === null && !f.protected}
              why={refused ?? (f.protected ? "the bridge's own switching rule: without it nothing is forwarded" : undefined)}
              onDelete={() => void remove(f.id)}
            />
          ))}
        </ul>
      )}
      {error && <p role="status" className="text-xs text-red-700 dark:text-red-400">{error}</p>}
    </section>
  );
}
