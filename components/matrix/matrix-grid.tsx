"use client";
import { cellKey, type Protocol } from "@/lib/contracts/matrix";
import { cellOf, type CellLookup } from "@/lib/dashboard/cell-table";
import type { Cell } from "@/lib/dashboard/dashboard-state";
import { canDiagnose } from "@/lib/diagnosis/diagnosis-words";
import { cellText, cellWords } from "./cell-words";

export interface MatrixGridProps {
  protocol: Protocol;
  names: string[];
  cells: CellLookup;
  /** Endpoints not running now: their old results are shown faded. */
  inactive: ReadonlySet<string>;
  onHover: (pair: { from: string; to: string } | null) => void;
  /** Asks why a failed TCP/UDP cell failed (click, Enter or Space). */
  onExplain?: (cell: { from: string; to: string; protocol: Protocol }) => void;
  /** Cell keys to outline, e.g. cells that flipped between two snapshots. */
  marked?: ReadonlySet<string>;
  /** The cell the presenter points at (cellKey): outlined, on their page and on the pages that follow them. */
  selected?: string | null;
  /** Clicking (or Enter on) a cell selects it: the presenter's page. */
  onSelect?: (key: string) => void;
}

function statusOf(cell: Cell | undefined): "ok" | "fail" | "pending" | "none" {
  if (cell?.pending) return "pending";
  if (!cell?.result) return "none";
  return cell.result.ok ? "ok" : "fail";
}

const STYLE = {
  ok: "bg-emerald-500 text-white dark:bg-emerald-600",
  fail: "bg-red-600 text-white dark:bg-red-700",
  pending: "bg-slate-300 text-slate-700 animate-pulse dark:bg-slate-600 dark:text-slate-100",
  none: "bg-slate-100 text-slate-400 dark:bg-slate-800 dark:text-slate-500",
} as const;

/** One protocol: rows are senders, columns receivers; green with the RTT, red with the error. */
export function MatrixGrid({ protocol, names, cells, inactive, onHover, onExplain, marked, selected, onSelect }: MatrixGridProps) {
  return (
    <table className="border-separate border-spacing-0.5 text-xs" aria-label={`${protocol.toUpperCase()} results, rows from, columns to`}>
      <caption className="pb-1 text-left text-sm font-bold">{protocol.toUpperCase()}</caption>
      <thead>
        <tr>
          <th scope="col" className="px-1 text-right font-normal text-slate-500">from \ to</th>
          {names.map((n) => (
            <th key={n} scope="col" className={`px-1 font-semibold ${inactive.has(n) ? "text-slate-400 line-through" : ""}`}>{n}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {names.map((from) => (
          <tr key={from}>
            <th scope="row" className={`px-1 text-right font-semibold ${inactive.has(from) ? "text-slate-400 line-through" : ""}`}>{from}</th>
            {names.map((to) => {
              if (from === to) return <td key={to} className="min-w-14 text-center text-slate-400">—</td>;
              const key = cellKey(from, to, protocol);
              const cell = cellOf(cells, key);
              const flipped = marked?.has(key) ?? false;
              const status = statusOf(cell);
              const r = cell?.result;
              const faded = inactive.has(from) || inactive.has(to);
              const text = r ? cellText(r) : status === "pending" ? "…" : "·";
              const explain = onExplain && status === "fail" && canDiagnose(protocol, r ?? null) ? () => onExplain({ from, to, protocol }) : undefined;
              const pointed = selected === key;
              const activate = onSelect || explain ? () => (onSelect?.(key), explain?.()) : undefined;
              return (
                <td
                  key={to}
                  data-testid={`cell-${protocol}-${from}-${to}`}
                  data-status={status}
                  data-result={r ? (r.ok ? "ok" : "fail") : "none"}
                  data-error={r?.error ?? undefined}
                  data-dropped-by={r?.droppedBy}
                  data-faded={faded}
                  data-marked={flipped || undefined}
                  data-selected={pointed || undefined}
                  aria-current={pointed || undefined}
                  tabIndex={0}
                  data-explainable={explain !== undefined}
                  title={[r?.detail, explain ? "Why did it fail? Click (or Enter) to diagnose" : null].filter(Boolean).join(". ") || `${from} → ${to} ${protocol}`}
                  aria-label={`${protocol} from ${from} to ${to}${flipped ? " (changed)" : ""}: ${status === "pending" ? "testing" : r ? cellWords(r) : "not tested"}${explain ? "; press Enter to ask why" : ""}`}
                  onClick={activate}
                  onKeyDown={activate ? (e) => (e.key === "Enter" || e.key === " ") && (e.preventDefault(), activate()) : undefined}
                  onMouseEnter={() => onHover({ from, to })}
                  onMouseLeave={() => onHover(null)}
                  onFocus={() => onHover({ from, to })}
                  onBlur={() => onHover(null)}
                  className={`min-w-14 rounded px-1 py-1 text-center font-mono outline-sky-500 focus-visible:outline-2 ${STYLE[status]} ${faded ? "opacity-30" : ""} ${status === "pending" && r ? (r.ok ? "ring-2 ring-emerald-500" : "ring-2 ring-red-500") : ""} ${explain ? "cursor-pointer hover:bg-red-500 dark:hover:bg-red-600" : ""} ${flipped ? "ring-4 ring-inset ring-amber-300 font-bold" : ""} ${onSelect ? "cursor-pointer" : ""} ${pointed ? "outline-4 outline-offset-2 font-bold" : ""}`}
                >
                  {text}
                  {explain && <span aria-hidden="true" className="ml-1 rounded-full bg-white/25 px-1 font-sans font-bold">?</span>}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
