"use client";
import { useState, type FormEvent } from "react";
import { MTU_RANGE } from "@/lib/contracts/lab-edits";
import type { NetInterface } from "@/lib/contracts/topology";
import { EditStatus, useEditStatus } from "./edit-status";
import { BUTTON, FIELD, SECTION } from "./edit-styles";
import type { LabEdits } from "./use-lab-edits";

/** The interface's MTU field and its administrative up/down switch. (Re-keyed by the parent when the interface changes.) */
/** `linkRefused`, `mtuRefused`: why this page may not use the switch or the field (null: it may). */
export function InterfaceSettings({ iface, linkRefused, mtuRefused, edits }: { iface: NetInterface; linkRefused: string | null; mtuRefused: string | null; edits: LabEdits }) {
  const [mtu, setMtu] = useState(iface.mtu ?? 1500);
  const { status, busy, run } = useEditStatus();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => edits.setMtu(iface.id, mtu), (i) => `MTU ${i.mtu}`);
  };
  return (
    <section aria-labelledby="iface-settings-title" data-testid="interface-settings" className={SECTION}>
      <h3 id="iface-settings-title" className="font-semibold">Link</h3>
      <div className="flex items-center justify-between gap-2 text-sm">
        <span>administratively {iface.up ? "up" : "down"}</span>
        <button
          type="button"
          role="switch"
          aria-checked={iface.up}
          aria-label={`link of ${iface.id} up`}
          disabled={linkRefused !== null || busy}
          title={linkRefused ?? undefined}
          onClick={() => void run(() => edits.setLink(iface.id, !iface.up), (i) => `link ${i.up ? "up" : "down"}`)}
          className={`relative h-6 w-11 shrink-0 rounded-full focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 ${iface.up ? "bg-emerald-600" : "bg-slate-400"}`}
        >
          <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white ${iface.up ? "left-5" : "left-0.5"}`} />
        </button>
      </div>
      <form onSubmit={submit} className="flex items-end gap-2 text-sm">
        <label className="flex flex-1 flex-col gap-0.5 text-xs">
          MTU
          <input type="number" min={MTU_RANGE.min} max={MTU_RANGE.max} value={mtu} disabled={mtuRefused !== null} title={mtuRefused ?? undefined} onChange={(e) => setMtu(Number(e.target.value))} className={FIELD} />
        </label>
        <button type="submit" disabled={mtuRefused !== null || busy || mtu === iface.mtu} title={mtuRefused ?? undefined} className={BUTTON}>
          Set MTU
        </button>
      </form>
      <EditStatus status={status} />
    </section>
  );
}
