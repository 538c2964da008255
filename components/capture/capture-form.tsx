"use client";
import { useState, type FormEvent } from "react";
import type { CaptureRequest } from "@/lib/contracts/capture";
import { CAPTURE_PROTOCOLS } from "@/lib/contracts/capture";

const FIELD = "w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-900";

/** Bounded capture on one interface: how long, how many packets, which protocol. */
export function CaptureForm({ interfaceId, disabled, capturing, onStart }: { interfaceId: string; disabled: boolean; capturing: boolean; onStart: (r: CaptureRequest) => void }) {
  const [seconds, setSeconds] = useState(10);
  const [maxPackets, setMaxPackets] = useState(200);
  const [protocol, setProtocol] = useState<"" | (typeof CAPTURE_PROTOCOLS)[number]>("tcp");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onStart({ interfaceId, durationMs: Math.round(seconds * 1000), maxPackets, ...(protocol ? { protocol } : {}) });
  };
  return (
    <form onSubmit={submit} aria-labelledby="capture-form-title" data-testid="capture-form" className="flex flex-col gap-2 border-t border-slate-300 pt-3 dark:border-slate-700">
      <h3 id="capture-form-title" className="font-semibold">Capture packets</h3>
      <div className="grid grid-cols-3 gap-2 text-xs">
        <label className="flex flex-col gap-0.5">
          seconds
          <input type="number" min={1} max={60} value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} className={FIELD} />
        </label>
        <label className="flex flex-col gap-0.5">
          max packets
          <input type="number" min={1} max={10000} value={maxPackets} onChange={(e) => setMaxPackets(Number(e.target.value))} className={FIELD} />
        </label>
        <label className="flex flex-col gap-0.5">
          protocol
          <select value={protocol} onChange={(e) => setProtocol(e.target.value as typeof protocol)} className={FIELD}>
            <option value="">any</option>
            {CAPTURE_PROTOCOLS.map((p) => (
              <option key={p} value={p}>{p.toUpperCase()}</option>
            ))}
          </select>
        </label>
      </div>
      <button
        type="submit"
        disabled={disabled}
        className="self-start rounded-md bg-sky-600 px-3 py-1 text-sm font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 disabled:opacity-50"
      >
        {capturing ? "Restart capture" : "Start capture"}
      </button>
    </form>
  );
}
