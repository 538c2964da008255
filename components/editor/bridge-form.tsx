"use client";
import { removeBridge, removePatchLink, setBridgeFields, setBridgeFlows, type BridgeFields } from "@/lib/lab-editor/edit-actions";
import type { DraftBridge, LabDraft } from "@/lib/lab-editor/lab-draft";
import { CommitField } from "./commit-field";
import { FlowRulesEditor } from "./flow-rules-editor";
import { FIELD, QUIET_BUTTON } from "../panels/edit-styles";

export interface BridgeFormProps {
  draft: LabDraft;
  bridge: DraftBridge;
  errors: ReadonlyMap<string, string[]>;
  edit: (change: (d: LabDraft) => LabDraft) => void;
  onSelect: (id: string | null) => void;
}

/** Name, kind, datapath, the host's address (first bridge), OpenFlow rules and patch links of one bridge. */
export function BridgeForm({ draft, bridge: b, errors, edit, onSelect }: BridgeFormProps) {
  const first = b.name === draft.bridge.name;
  const set = (fields: BridgeFields) => edit((d) => setBridgeFields(d, b.name, fields));
  const err = (f: string) => [...(errors.get(f) ?? []), ...[...errors.entries()].filter(([k]) => k.startsWith(`${f}.`)).flatMap(([, v]) => v)];
  const links = (draft.links ?? []).filter((l) => l.between.includes(b.name));
  return (
    <section aria-label={`bridge ${b.name}`} className="flex flex-col gap-2" data-testid="bridge-form">
      <h3 className="font-semibold">Bridge {b.name}</h3>
      {err("").map((m) => (
        <p key={m} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {m}
        </p>
      ))}
      <CommitField
        label="Name"
        value={b.name}
        errors={err("name")}
        onCommit={(name) => {
          set({ name });
          onSelect(`bridge:${name}`);
        }}
      />
      <div className="grid grid-cols-2 gap-1">
        <label className="flex flex-col gap-0.5 text-xs">
          Kind
          <select value={b.kind ?? "ovs"} onChange={(e) => set({ kind: e.target.value as "ovs" | "linux" })} className={FIELD}>
            <option value="ovs">OVS</option>
            <option value="linux">Linux bridge</option>
          </select>
          {err("kind").map((m) => (
            <span key={m} role="alert" className="text-red-700 dark:text-red-300">
              {m}
            </span>
          ))}
        </label>
        <label className="flex flex-col gap-0.5 text-xs">
          Datapath
          <select value={b.datapath ?? "netdev"} onChange={(e) => set({ datapath: e.target.value as "netdev" | "system" })} className={FIELD} disabled={b.kind === "linux"}>
            <option value="netdev">netdev (userspace)</option>
            <option value="system">system (kernel)</option>
          </select>
        </label>
      </div>
      {first && <CommitField label="Host address (the bridge's own port)" value={b.address ?? ""} errors={err("address")} placeholder="none: no host endpoint" onCommit={(t) => set({ address: t.trim() || undefined })} />}
      {!first && err("address").map((m) => <p key={m} role="alert" className="text-xs text-red-700 dark:text-red-300">{m}</p>)}
      {b.kind !== "linux" && <FlowRulesEditor bridge={b.name} flows={b.flows ?? []} errors={err("flows")} onChange={(flows) => edit((d) => setBridgeFlows(d, b.name, flows))} />}
      {links.length > 0 && (
        <ul className="flex flex-col gap-1 text-xs">
          {links.map((l) => {
            const other = l.between[0] === b.name ? l.between[1] : l.between[0];
            return (
              <li key={other} className="flex items-center justify-between gap-1">
                patch link to {other}
                <button type="button" className={QUIET_BUTTON} onClick={() => edit((d) => removePatchLink(d, b.name, other))}>
                  Remove link
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!first && (
        <button
          type="button"
          className={QUIET_BUTTON}
          onClick={() => {
            edit((d) => removeBridge(d, b.name));
            onSelect(null);
          }}
        >
          Remove bridge {b.name}
        </button>
      )}
    </section>
  );
}
