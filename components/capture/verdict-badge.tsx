import type { VerdictBadge as Verdict } from "@/lib/capture/packet-rows";

const STYLE: Record<Verdict["kind"], string> = {
  correct: "bg-emerald-100 text-emerald-900 ring-emerald-600/40 dark:bg-emerald-900/60 dark:text-emerald-100",
  incorrect: "bg-red-100 text-red-900 ring-red-600/50 dark:bg-red-900/70 dark:text-red-100",
  partial: "bg-amber-100 text-amber-950 ring-amber-600/50 dark:bg-amber-800/70 dark:text-amber-50",
  none: "bg-slate-100 text-slate-700 ring-slate-400/40 dark:bg-slate-800 dark:text-slate-300",
};

const MARK: Record<Verdict["kind"], string> = { correct: "✓", incorrect: "✗", partial: "!", none: "·" };

/** A checksum verdict: colour, a mark that does not rely on colour, and the words. */
export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  return (
    <span data-verdict={verdict.kind} title={verdict.hint} className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ${STYLE[verdict.kind]}`}>
      <span aria-hidden="true">{MARK[verdict.kind]}</span>
      {verdict.label}
    </span>
  );
}
