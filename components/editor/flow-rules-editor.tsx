"use client";
import { useState } from "react";
import { FIELD, QUIET_BUTTON } from "../panels/edit-styles";

/** A bridge's OpenFlow rules as a list: add one (ovs-ofctl syntax), delete one. NORMAL stays the lowest rule. */
export function FlowRulesEditor({ bridge, flows, errors, onChange }: { bridge: string; flows: readonly string[]; errors: readonly string[]; onChange: (flows: string[]) => void }) {
  const [rule, setRule] = useState("");
  const add = () => {
    if (!rule.trim()) return;
    onChange([...flows, rule.trim()]);
    setRule("");
  };
  return (
    <fieldset className="flex flex-col gap-1 text-xs" data-testid="flow-rules">
      <legend className="font-semibold">OpenFlow rules (added after the bridge; NORMAL stays the lowest)</legend>
      {flows.length === 0 && <span className="text-slate-500">none: the bridge switches as a learning switch (NORMAL)</span>}
      <ul className="flex flex-col gap-1">
        {flows.map((f, i) => (
          <li key={`${i} ${f}`} className="flex items-center gap-1">
            <code className="flex-1 break-all rounded bg-slate-100 px-1 dark:bg-slate-800">{f}</code>
            <button type="button" className={QUIET_BUTTON} aria-label={`delete rule ${i + 1} of ${bridge}`} onClick={() => onChange(flows.filter((_, j) => j !== i))}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <div className="flex gap-1">
        <input
          aria-label={`new rule for ${bridge}`}
          placeholder="priority=100,tcp,tp_dst=80,actions=drop"
          value={rule}
          onChange={(e) => setRule(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && add()}
          className={FIELD}
        />
        <button type="button" className={QUIET_BUTTON} onClick={add} disabled={!rule.trim()}>
          Add rule
        </button>
      </div>
      {errors.map((m) => (
        <span key={m} role="alert" className="text-red-700 dark:text-red-300">
          {m}
        </span>
      ))}
    </fieldset>
  );
}
