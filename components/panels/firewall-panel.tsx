"use client";
import { useCallback, useState } from "react";
import { QUIET_BUTTON, SECTION } from "./edit-styles";
import type { LabEdits } from "./use-lab-edits";
import { useListed } from "./use-listed";

/** The endpoint's own iptables filter table: chain policies and rules, each rule with a Delete. */
export function FirewallPanel({ endpoint, refused, edits }: { endpoint: string; refused: string | null; edits: LabEdits }) {
  const load = useCallback(() => edits.listFirewall(endpoint), [edits, endpoint]);
  const { list, reload, replace } = useListed(load);
  const [error, setError] = useState<string | null>(null);
  const remove = async (id: string) => {
    const answer = await edits.deleteFirewallRule(id);
    setError(answer.ok ? null : answer.error);
    if (answer.ok) replace({ endpoint, policies: answer.value.policies, rules: answer.value.rules });
  };
  return (
    <section aria-labelledby="firewall-title" data-testid="firewall-panel" className={SECTION}>
      <div className="flex items-center justify-between">
        <h3 id="firewall-title" className="font-semibold">Firewall of {endpoint}</h3>
        <button type="button" onClick={reload} className={QUIET_BUTTON}>Refresh</button>
      </div>
      {!list && <p className="text-xs text-slate-500">Reading the rules…</p>}
      {list && !list.ok && <p className="text-xs text-red-700 dark:text-red-400">{list.error}</p>}
      {list?.ok && (
        <>
          <p className="font-mono text-xs text-slate-600 dark:text-slate-300">
            {Object.entries(list.value.policies).map(([chain, policy]) => `${chain} ${policy}`).join(" · ")}
          </p>
          {list.value.rules.length === 0 && <p className="text-xs text-slate-500">no rules</p>}
          <ul>
            {list.value.rules.map((r) => (
              <li key={r.id} className="flex items-start justify-between gap-2 border-b border-slate-200 py-1 text-xs last:border-0 dark:border-slate-700">
                <span className="font-mono break-all">
                  <span className="text-slate-500">{r.chain}</span> {r.rule}
                </span>
                <button type="button" disabled={refused !== null} title={refused ?? undefined} aria-label={`delete ${r.chain} rule ${r.rule}`} onClick={() => void remove(r.id)} className={QUIET_BUTTON}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {error && <p role="status" className="text-xs text-red-700 dark:text-red-400">{error}</p>}
    </section>
  );
}
