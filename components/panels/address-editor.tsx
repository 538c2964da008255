"use client";
import { useState, type FormEvent } from "react";
import { EditStatus, useEditStatus } from "./edit-status";
import { BUTTON, FIELD, SECTION } from "./edit-styles";
import type { LabEdits } from "./use-lab-edits";

/** The endpoint's IPv4 address with its prefix; what is typed replaces what eth0 has. (Re-keyed by the parent when the address changes.) */
export function AddressEditor({ endpoint, addresses, refused, edits }: { endpoint: string; addresses: string[]; refused: string | null; edits: LabEdits }) {
  const [address, setAddress] = useState(addresses[0] ?? "");
  const { status, busy, run } = useEditStatus();
  const title = refused ?? undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => edits.setAddress(endpoint, address.trim()), (i) => `${endpoint} has ${i.addresses.join(", ")}`);
  };
  return (
    <form onSubmit={submit} aria-labelledby="address-title" data-testid="address-editor" className={SECTION}>
      <h3 id="address-title" className="font-semibold">Address of {endpoint}</h3>
      <div className="flex items-end gap-2">
        <label className="flex flex-1 flex-col gap-0.5 text-xs">
          IPv4 address / prefix
          <input value={address} placeholder="10.55.66.8/24" disabled={refused !== null} title={title} onChange={(e) => setAddress(e.target.value)} className={FIELD} />
        </label>
        <button type="submit" disabled={refused !== null || busy || address.trim() === (addresses[0] ?? "")} title={title} className={BUTTON}>
          Set
        </button>
      </div>
      {addresses.length > 1 && <p className="text-xs text-slate-500">now: {addresses.join(", ")}</p>}
      <EditStatus status={status} />
    </form>
  );
}
