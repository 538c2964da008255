"use client";
import type { PathExplanation } from "@/lib/contracts/path-explain";

/** The hops in order: what each matched, the counters that moved, and the one where the packet died. */
export function PathHopList({ explained }: { explained: PathExplanation }) {
  return (
    <ol data-testid="path-hops" className="flex flex-col gap-1 text-sm">
      {explained.hops.map((hop, i) => {
        const dead = explained.died?.hop === i;
        return (
          <li
            key={i}
            data-testid="path-hop"
            data-dead={dead || undefined}
            data-reached={hop.reached}
            className={`rounded border px-2 py-1 ${dead ? "border-red-500 bg-red-50 dark:bg-red-950" : hop.reached ? "border-sky-400" : "border-dashed border-slate-300 text-slate-400 dark:border-slate-600"}`}
          >
            <span className="font-semibold">{i + 1}. {hop.label}</span>
            {hop.counters.length > 0 && <span className="ml-2 font-mono text-xs text-slate-600 dark:text-slate-300">{hop.counters.join(", ")}</span>}
            {hop.rules.map((r, j) => (
              <div key={j} className="font-mono text-xs break-words">
                table {r.table}, priority {r.priority}{r.match ? `, ${r.match}` : ""} → {r.actions}
                {r.packetsDelta !== null ? ` (n_packets +${r.packetsDelta})` : ""}
              </div>
            ))}
            {hop.notes.map((n, j) => <div key={j} className="font-mono text-xs text-slate-600 dark:text-slate-300">{n}</div>)}
            {dead && <div role="alert" className="font-semibold text-red-700 dark:text-red-300">✖ died here: {explained.died!.reason}</div>}
          </li>
        );
      })}
    </ol>
  );
}
