"use client";
import type { NetInterface } from "@/lib/contracts/topology";
import { useGraphActions } from "./graph-actions";
import { TerminalButton } from "./terminal-button";

/** One end of a link: its name (opens the side panel) and its TX checksum offload badge (toggles it). */
export function InterfaceChip({ iface, label }: { iface: NetInterface; label?: string }) {
  const { toggleTx, select, selectedId, txRefused } = useGraphActions();
  const tx = iface.offload.tx;
  const selected = selectedId === iface.id;
  return (
    <span className={`nodrag inline-flex shrink-0 items-center whitespace-nowrap gap-1 rounded-md border px-1 py-0.5 text-xs ${selected ? "border-sky-500 ring-2 ring-sky-400" : "border-slate-300 dark:border-slate-600"} bg-white dark:bg-slate-800`}>
      <button
        type="button"
        className="rounded px-1 font-mono hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-slate-700"
        aria-label={`Show details of interface ${iface.id}`}
        title={`${iface.id}${iface.up ? "" : " (link down)"}`}
        onClick={() => select(iface.id)}
      >
        {label ?? iface.ifname}
        {!iface.up && <span className="ml-1 text-red-600 dark:text-red-400">down</span>}
      </button>
      {tx && (
        <button
          type="button"
          data-testid={`tx-badge-${iface.id}`}
          data-on={tx.on}
          aria-pressed={tx.on}
          aria-label={`TX checksum offload of ${iface.id} is ${tx.on ? "on" : "off"}; press to turn it ${tx.on ? "off" : "on"}`}
          disabled={tx.fixed || txRefused !== null}
          title={txRefused ?? undefined}
          onClick={() => toggleTx(iface.id, !tx.on)}
          className={`rounded px-1.5 font-semibold focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-60 ${
            tx.on ? "bg-amber-200 text-amber-950 hover:bg-amber-300" : "bg-emerald-200 text-emerald-950 hover:bg-emerald-300"
          }`}
        >
          TX {tx.on ? "on" : "off"}
        </button>
      )}
      {iface.owner === "host" && <TerminalButton target={{ kind: "port", interfaceId: iface.id }} label={`Open a terminal on the host, for its port ${iface.ifname}`} testId={`terminal-open-${iface.id}`} />}
    </span>
  );
}
