"use client";
import Link from "next/link";
import type { LabSummary } from "@/lib/contracts/labs";
import { labHealthWords, sortLabs } from "@/lib/labs/lab-health";
import { VIEWER_REASON } from "@/lib/contracts/access";
import { useDisplayOptions } from "../use-display-options";
import { useSession } from "../session/use-session";
import { labApi, labUrls } from "./lab-client";
import { PageHeader } from "./page-header";
import { ConfirmButton } from "./confirm-button";
import { usePolled } from "./use-polled";

const HEALTH_STYLE: Record<LabSummary["health"], string> = {
  ok: "bg-emerald-600 text-white",
  failing: "bg-red-600 text-white",
  down: "bg-slate-600 text-white",
  unknown: "bg-slate-300 text-slate-900",
};

const readLabs = () => labApi().labList().then((b) => sortLabs(b.labs));

function LabRow({ lab, operator, onClosed }: { lab: LabSummary; operator: boolean; onClosed: () => void }) {
  return (
    <tr data-testid={`lab-row-${lab.labId}`} data-health={lab.health} className="border-b border-slate-200 align-top dark:border-slate-700">
      <td className="py-2 pr-3">
        <Link href={labUrls.lab(lab.labId)} className="font-mono text-base font-semibold text-sky-700 underline dark:text-sky-300">{lab.labId}</Link>
        {lab.isDefault && <span className="ml-2 rounded bg-sky-200 px-1.5 text-xs font-semibold text-sky-950">default</span>}
      </td>
      <td className="py-2 pr-3">
        <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${HEALTH_STYLE[lab.health]}`}>{lab.health}</span>
        <span className="ml-2 text-sm">{labHealthWords(lab)}</span>
      </td>
      <td className="py-2 pr-3 font-mono text-sm">{lab.bridge ?? "—"}</td>
      <td className="py-2 pr-3 text-sm">
        {lab.classId ? operator ? <Link href={labUrls.classPage(lab.classId)} className="underline">class {lab.classId}</Link> : `class ${lab.classId}` : "—"}
      </td>
      <td className="py-2 text-sm">
        {operator ? (
          <ConfirmButton label="Close" question={`Close lab ${lab.labId}? Its containers and bridge are removed.`} confirmLabel="Close it" onConfirm={() => labApi().labClose({ params: { labId: lab.labId } }).then(onClosed)} />
        ) : (
          <span className="text-slate-500" title={VIEWER_REASON}>—</span>
        )}
      </td>
    </tr>
  );
}

/** /labs: every lab this server hosts, with its health; the operator can close one. */
export function LabList() {
  const session = useSession();
  const [display, setDisplay] = useDisplayOptions();
  const { data, reload } = usePolled(readLabs, 3000);
  const operator = session?.role === "operator";
  return (
    <div className="flex min-h-screen flex-col">
      <PageHeader title="labs" role={session?.role ?? null} display={display} onDisplay={setDisplay} />
      <main className="flex flex-col gap-3 p-4">
        <h1 className="text-xl font-bold">Labs on this server</h1>
        {data.kind === "loading" && <p className="text-slate-500">Reading the labs…</p>}
        {data.kind === "failed" && <p role="alert" className="text-red-700 dark:text-red-400">The labs could not be read: {data.message}</p>}
        {data.kind === "ready" && data.value.length === 0 && <p>No lab is up. The operator brings one up with <code>npm run up</code>.</p>}
        {data.kind === "ready" && data.value.length > 0 && (
          <table className="w-full max-w-6xl text-left" aria-label="Labs">
            <thead>
              <tr className="border-b border-slate-300 text-sm text-slate-600 dark:border-slate-600 dark:text-slate-300">
                <th scope="col" className="py-1 pr-3">Lab</th>
                <th scope="col" className="py-1 pr-3">Health</th>
                <th scope="col" className="py-1 pr-3">Bridge</th>
                <th scope="col" className="py-1 pr-3">Class</th>
                <th scope="col" className="py-1">{operator ? "Close" : ""}</th>
              </tr>
            </thead>
            <tbody>
              {data.value.map((lab) => <LabRow key={lab.labId} lab={lab} operator={operator} onClosed={reload} />)}
            </tbody>
          </table>
        )}
        {!operator && session && <p className="text-sm text-slate-500">{VIEWER_REASON}: closing labs is the operator&apos;s.</p>}
      </main>
    </div>
  );
}
