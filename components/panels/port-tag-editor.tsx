"use client";
import { useState, type FormEvent } from "react";
import type { BridgePort } from "@/lib/contracts/topology";
import { EditStatus, useEditStatus } from "./edit-status";
import { BUTTON, FIELD, QUIET_BUTTON, SECTION } from "./edit-styles";
import type { LabEdits } from "./use-lab-edits";

/** The bridge port's VLAN tag: set one (an access port of that VLAN) or clear it (untagged, like the lab's other ports). */
export function PortTagEditor({ port, refused, edits }: { port: BridgePort; refused: string | null; edits: LabEdits }) {
  const [tag, setTag] = useState(port.tag === undefined ? "" : String(port.tag));
  const { status, busy, run } = useEditStatus();
  const title = refused ?? undefined;
  const said = (p: BridgePort) => `port ${p.name}: ${p.tag === undefined ? "no VLAN tag" : `VLAN ${p.tag}`}`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => edits.setTag(port.name, Number(tag)), said);
  };
  return (
    <form onSubmit={submit} aria-labelledby="port-tag-title" data-testid="port-tag-editor" className={SECTION}>
      <h3 id="port-tag-title" className="font-semibold">
        VLAN of bridge port <span className="font-mono">{port.name}</span>
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-300">{port.tag === undefined ? "untagged (every VLAN)" : `access port of VLAN ${port.tag}`}</p>
      <div className="flex items-end gap-2">
        <label className="flex flex-1 flex-col gap-0.5 text-xs">
          tag
          <input type="number" min={1} max={4094} value={tag} disabled={refused !== null} title={title} onChange={(e) => setTag(e.target.value)} className={FIELD} />
        </label>
        <button type="submit" disabled={refused !== null || busy || tag === "" || Number(tag) === port.tag} title={title} className={BUTTON}>
          Set
        </button>
        <button type="button" disabled={refused !== null || busy || port.tag === undefined} title={title} onClick={() => void run(() => edits.setTag(port.name, null), said)} className={QUIET_BUTTON}>
          Clear
        </button>
      </div>
      <EditStatus status={status} />
    </form>
  );
}
