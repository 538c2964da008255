"use client";
import type { ApiClient } from "@/lib/api-client/api-client";
import { removePatchLink } from "@/lib/lab-editor/edit-actions";
import { editorItemOf } from "@/lib/lab-editor/editor-flow";
import { bridgeOf, draftBridges, type LabDraft } from "@/lib/lab-editor/lab-draft";
import type { LabSpec } from "@/lib/lab-spec/schema";
import { BridgeForm } from "./bridge-form";
import { EndpointForm } from "./endpoint-form";
import { LabSummary } from "./lab-summary";
import { QUIET_BUTTON } from "../panels/edit-styles";

export interface SelectionPanelProps {
  draft: LabDraft;
  selected: string | null;
  byTarget: ReadonlyMap<string, ReadonlyMap<string, string[]>>;
  spec: LabSpec | null;
  api: ApiClient;
  edit: (change: (d: LabDraft) => LabDraft) => void;
  onSelect: (id: string | null) => void;
}

const NONE = new Map<string, string[]>();

/** The properties of what is selected: an endpoint, a bridge, a link; with nothing selected, the lab. */
export function SelectionPanel({ draft, selected, byTarget, spec, api, edit, onSelect }: SelectionPanelProps) {
  const item = selected ? editorItemOf(selected) : null;
  if (item?.kind === "endpoint") {
    const endpoint = draft.endpoints.find((e) => e.name === item.name);
    if (endpoint)
      return (
        <EndpointForm
          key={endpoint.name}
          draft={draft}
          endpoint={endpoint}
          errors={byTarget.get(`endpoint:${endpoint.name}`) ?? NONE}
          edit={edit}
          onSelect={onSelect}
        />
      );
  }
  if (item?.kind === "bridge") {
    const bridge = draftBridges(draft).find((b) => b.name === item.name);
    if (bridge) return <BridgeForm key={bridge.name} draft={draft} bridge={bridge} errors={byTarget.get(`bridge:${bridge.name}`) ?? NONE} edit={edit} onSelect={onSelect} />;
  }
  if (item?.kind === "port") {
    const endpoint = draft.endpoints.find((e) => e.name === item.endpoint);
    if (endpoint)
      return (
        <section className="flex flex-col gap-2 text-sm">
          <h3 className="font-semibold">
            Port of {endpoint.name} on {bridgeOf(draft, endpoint)}
          </h3>
          <p>Drag {endpoint.name}&apos;s handle to another bridge to move it. Its VLAN, trunks and MTU are the endpoint&apos;s:</p>
          <button type="button" className={QUIET_BUTTON} onClick={() => onSelect(`endpoint:${endpoint.name}`)}>
            Edit {endpoint.name}
          </button>
        </section>
      );
  }
  if (item?.kind === "patch") {
    const [a, b] = item.between;
    const link = (draft.links ?? []).find((l) => l.between.includes(a) && l.between.includes(b));
    if (link)
      return (
        <section className="flex flex-col gap-2 text-sm">
          <h3 className="font-semibold">
            Patch link {a} ↔ {b}
          </h3>
          <p>A pair of OVS patch ports: a trunk of every VLAN between the two bridges.</p>
          {(byTarget.get(`link:${[a, b].sort().join("~")}`) ?? NONE).get("between")?.map((m) => (
            <p key={m} role="alert" className="text-red-700 dark:text-red-300">
              {m}
            </p>
          ))}
          <button
            type="button"
            className={QUIET_BUTTON}
            onClick={() => {
              edit((d) => removePatchLink(d, a, b));
              onSelect(null);
            }}
          >
            Remove link
          </button>
        </section>
      );
  }
  return <LabSummary draft={draft} errors={byTarget.get("lab") ?? NONE} spec={spec} api={api} edit={edit} />;
}
