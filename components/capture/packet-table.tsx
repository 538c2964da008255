import type { PacketRow } from "@/lib/capture/packet-rows";
import { VerdictBadge } from "./verdict-badge";

const HEAD = ["time (s)", "source", "destination", "proto", "flags", "length", "checksum", "verdict"] as const;

/** The packets of one capture, newest at the bottom, in a scrolling box. */
export function PacketTable({ rows }: { rows: PacketRow[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">No packets yet.</p>;
  return (
    <div className="max-h-80 overflow-auto rounded border border-slate-200 dark:border-slate-700">
      <table className="w-full border-collapse text-xs" data-testid="packet-table">
        <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
          <tr>
            {HEAD.map((h) => (
              <th key={h} scope="col" className="px-2 py-1 text-left font-semibold whitespace-nowrap">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody className="font-mono">
          {rows.map((r) => (
            <tr key={r.key} data-testid="packet-row" data-verdict={r.verdict.kind} className="border-t border-slate-200 odd:bg-white even:bg-slate-50 dark:border-slate-800 dark:odd:bg-slate-950 dark:even:bg-slate-900">
              <td className="px-2 py-0.5 whitespace-nowrap">{r.time}</td>
              <td className="px-2 py-0.5 whitespace-nowrap">{r.src}</td>
              <td className="px-2 py-0.5 whitespace-nowrap">{r.dst}</td>
              <td className="px-2 py-0.5">{r.protocol}</td>
              <td className="px-2 py-0.5 whitespace-nowrap">{r.flags}</td>
              <td className="px-2 py-0.5 text-right">{r.length}</td>
              <td className="px-2 py-0.5">{r.checksum}</td>
              <td className="px-2 py-0.5 font-sans"><VerdictBadge verdict={r.verdict} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
