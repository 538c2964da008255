"use client";
import { OFFLOAD_FEATURES, OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "@/lib/contracts/offload";
import type { ReactNode } from "react";
import type { NetInterface } from "@/lib/contracts/topology";

export interface OffloadPanelProps {
  iface: NetInterface;
  /** Why this page may not change offload here (null: it may). */
  refused: string | null;
  onChange: (feature: OffloadFeature, on: boolean) => void;
  onSelect: (interfaceId: string) => void;
  onClose: () => void;
  /** More about this interface, e.g. the capture form. */
  children?: ReactNode;
}

const COUNTERS = [
  ["rxPackets", "rx packets"],
  ["txPackets", "tx packets"],
  ["rxDropped", "rx dropped"],
  ["txDropped", "tx dropped"],
  ["rxErrors", "rx errors"],
  ["txErrors", "tx errors"],
] as const;

/** Everything about one interface: offload switches, counters, peer. */
export function OffloadPanel({ iface, refused, onChange, onSelect, onClose, children }: OffloadPanelProps) {
  return (
    <section aria-labelledby="offload-title" data-testid="offload-panel" className="flex flex-col gap-3">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 id="offload-title" className="font-mono text-lg font-bold">{iface.id}</h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {iface.role} · {iface.kind} · {iface.up ? "up" : "link down"} · MTU {iface.mtu ?? "?"}
          </p>
          <p className="font-mono text-xs text-slate-500">{iface.mac ?? "no MAC"} {iface.addresses.join(" ")}</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close interface details" className="rounded px-2 text-lg hover:bg-slate-200 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-700">
          ×
        </button>
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Offload</h3>
        <ul className="flex flex-col gap-1">
          {OFFLOAD_FEATURE_NAMES.filter((f) => iface.offload[f]).map((f) => {
            const state = iface.offload[f]!;
            return (
              <li key={f} className="flex items-center justify-between gap-2 text-sm">
                <span>
                  {OFFLOAD_FEATURES[f]} {state.fixed && <span className="text-xs text-slate-500">(fixed)</span>}
                </span>
                <button
                  type="button"
                  role="switch"
                  aria-checked={state.on}
                  aria-label={`${OFFLOAD_FEATURES[f]} on ${iface.id}`}
                  disabled={state.fixed || refused !== null}
                  title={refused ?? undefined}
                  onClick={() => onChange(f, !state.on)}
                  className={`relative h-6 w-11 shrink-0 rounded-full focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-50 ${state.on ? "bg-amber-500" : "bg-slate-400"}`}
                >
                  <span className={`absolute top-0.5 h-5 w-5 rounded-full bg-white ${state.on ? "left-5" : "left-0.5"}`} />
                </button>
              </li>
            );
          })}
        </ul>
      </div>
      <div>
        <h3 className="mb-1 font-semibold">Counters</h3>
        {iface.counters ? (
          <dl className="grid grid-cols-2 gap-x-3 text-sm">
            {COUNTERS.map(([key, label]) => (
              <div key={key} className="flex justify-between">
                <dt>{label}</dt>
                <dd className="font-mono">{iface.counters![key]}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="text-sm text-slate-500">no counters</p>
        )}
      </div>
      <div className="text-sm">
        <span className="font-semibold">Peer: </span>
        {iface.peerId ? (
          <button type="button" className="font-mono text-sky-700 underline dark:text-sky-300" onClick={() => onSelect(iface.peerId!)}>
            {iface.peerId}
          </button>
        ) : (
          "none"
        )}
      </div>
      {children}
    </section>
  );
}
