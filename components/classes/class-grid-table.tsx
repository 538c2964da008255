"use client";
import type { CheckStatus } from "@/lib/scenarios/checks";
import { absoluteLink, viewerLink, type ClassGrid, type GridRow } from "@/lib/classroom/class-grid";
import { CopyLink } from "./copy-link";

const CELL: Record<CheckStatus, string> = {
  passed: "bg-emerald-600 text-white",
  failed: "bg-red-600 text-white",
  pending: "bg-slate-300 text-slate-700 dark:bg-slate-700 dark:text-slate-300",
};
const SIGN: Record<CheckStatus, string> = { passed: "✓", failed: "✗", pending: "·" };

function StudentGridRow({ row, origin }: { row: GridRow; origin: string }) {
  return (
    <tr data-testid={`student-row-${row.labId}`} data-state={row.state} className="border-b border-slate-200 dark:border-slate-700">
      <th scope="row" className="py-1 pr-3 text-left align-middle">
        <span className="font-semibold">{row.name}</span>
        <span className="ml-1 font-mono text-xs text-slate-500">{row.labId}</span>
        {row.note && <span className="block text-xs font-normal text-amber-700 dark:text-amber-300">{row.note}</span>}
      </th>
      <td data-testid={`percent-${row.labId}`} className="px-2 text-right font-mono font-semibold">{row.percent}%</td>
      {row.cells.map((c) => (
        <td key={c.checkId} className="p-0.5">
          <div
            data-testid={`grade-${row.labId}-${c.checkId}`}
            data-status={c.status}
            title={c.detail}
            aria-label={c.detail}
            tabIndex={0}
            className={`flex h-10 w-20 flex-col items-center justify-center rounded text-center leading-tight outline-sky-500 focus-visible:outline-2 ${CELL[c.status]}`}
          >
            <span className="font-bold">{SIGN[c.status]}</span>
            {c.firstPassed && <span className="text-[0.65rem]">{c.firstPassed}</span>}
          </div>
        </td>
      ))}
      <td className="px-2">
        <CopyLink url={absoluteLink(origin, row.link)} label={`${row.name}'s link`} />
      </td>
      <td className="px-2">
        <a href={viewerLink(row.labId)} target="_blank" rel="noreferrer" className="text-sm font-semibold text-sky-700 underline dark:text-sky-300" aria-label={`View ${row.name}'s lab read-only`}>
          view
        </a>
      </td>
    </tr>
  );
}

/** Students × checks, filling in as the graders judge: green passed, red failed, grey not judged yet. */
export function ClassGridTable({ grid, origin }: { grid: ClassGrid; origin: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="border-separate border-spacing-0 text-sm" aria-label="Students and their checks" data-testid="class-grid">
        <thead>
          <tr>
            <th scope="col" className="py-1 pr-3 text-left">Student</th>
            <th scope="col" className="px-2 text-right">Done</th>
            {grid.columns.map((c) => (
              <th key={c.id} scope="col" title={c.title} className="w-20 px-0.5 align-bottom text-xs font-semibold">
                <span className="block break-words">{c.id}</span>
                <span className="block font-normal text-slate-500">{c.passed}/{grid.rows.length}</span>
              </th>
            ))}
            <th scope="col" className="px-2 text-left">Personal link</th>
            <th scope="col" className="px-2 text-left">Lab</th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => <StudentGridRow key={row.labId} row={row} origin={origin} />)}
        </tbody>
      </table>
    </div>
  );
}
