"use client";
import { connectEndpoint, removeEndpoint, setEndpointFields, setEndpointImpairment, setEndpointOffload, type EndpointFields } from "@/lib/lab-editor/edit-actions";
import { bridgeOf, draftBridges, type DraftEndpoint, type LabDraft } from "@/lib/lab-editor/lab-draft";
import { CommitField, numberOf, numbersOf } from "./commit-field";
import { ImpairmentFields } from "./impairment-fields";
import { OffloadDefaults } from "./offload-defaults";
import { FIELD, QUIET_BUTTON } from "../panels/edit-styles";

export interface EndpointFormProps {
  draft: LabDraft;
  endpoint: DraftEndpoint;
  /** This endpoint's errors by field ("" for the whole). */
  errors: ReadonlyMap<string, string[]>;
  edit: (change: (d: LabDraft) => LabDraft) => void;
  onSelect: (id: string | null) => void;
}

/** Name, kind, address, bridge, VLAN or trunks, MTU, offload defaults and impairment of one endpoint. */
export function EndpointForm({ draft, endpoint: e, errors, edit, onSelect }: EndpointFormProps) {
  const set = (fields: EndpointFields) => edit((d) => setEndpointFields(d, e.name, fields));
  const err = (f: string) => errors.get(f) ?? [];
  return (
    <section aria-label={`endpoint ${e.name}`} className="flex flex-col gap-2" data-testid="endpoint-form">
      <h3 className="font-semibold">Endpoint {e.name}</h3>
      {err("").map((m) => (
        <p key={m} role="alert" className="text-xs text-red-700 dark:text-red-300">
          {m}
        </p>
      ))}
      <CommitField
        label="Name"
        value={e.name}
        errors={err("name")}
        testId="endpoint-name"
        onCommit={(name) => {
          set({ name });
          onSelect(`endpoint:${name}`);
        }}
      />
      <label className="flex flex-col gap-0.5 text-xs">
        Kind
        <select value={e.kind} onChange={(ev) => set({ kind: ev.target.value as DraftEndpoint["kind"] })} className={FIELD}>
          <option value="container">container</option>
          <option value="netns">network namespace</option>
        </select>
      </label>
      <CommitField label="Address" value={e.address} errors={err("address")} testId="endpoint-address" onCommit={(address) => set({ address })} hint="a.b.c.d/24" />
      <label className="flex flex-col gap-0.5 text-xs">
        Bridge
        <select value={bridgeOf(draft, e)} onChange={(ev) => edit((d) => connectEndpoint(d, e.name, ev.target.value))} className={FIELD}>
          {draftBridges(draft).map((b) => (
            <option key={b.name}>{b.name}</option>
          ))}
        </select>
        {err("bridge").map((m) => (
          <span key={m} role="alert" className="text-red-700 dark:text-red-300">
            {m}
          </span>
        ))}
      </label>
      <div className="grid grid-cols-3 gap-1">
        <CommitField label="VLAN" value={e.vlan?.toString() ?? ""} errors={err("vlan")} placeholder="none" testId="endpoint-vlan" onCommit={(t) => set({ vlan: numberOf(t) })} />
        <CommitField label="Trunks" value={e.trunks?.join(", ") ?? ""} errors={err("trunks")} placeholder="10, 20" onCommit={(t) => set({ trunks: numbersOf(t) })} />
        <CommitField label="MTU" value={e.mtu?.toString() ?? ""} errors={err("mtu")} placeholder="1500" testId="endpoint-mtu" onCommit={(t) => set({ mtu: numberOf(t) })} />
      </div>
      <OffloadDefaults owner={e.name} offload={e.offload ?? {}} onChange={(f, on) => edit((d) => setEndpointOffload(d, e.name, f, on))} />
      <ImpairmentFields key={e.name} endpoint={e.name} value={e.impair ?? null} errors={err("impair")} onChange={(i) => edit((d) => setEndpointImpairment(d, e.name, i))} />
      <button
        type="button"
        className={QUIET_BUTTON}
        onClick={() => {
          edit((d) => removeEndpoint(d, e.name));
          onSelect(null);
        }}
      >
        Remove endpoint {e.name}
      </button>
    </section>
  );
}
