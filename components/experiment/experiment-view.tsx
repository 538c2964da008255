"use client";
import { useMemo, useState } from "react";
import Link from "next/link";
import { SWITCH_LABELS } from "@/lib/contracts/experiment";
import { allVariants, runProgress, variantWords } from "@/lib/experiment/experiment-table";
import { useDisplayOptions } from "../use-display-options";
import { DisplayToggles } from "../panels/display-toggles";
import { useExperiment } from "./use-experiment";
import { ExperimentControls } from "./experiment-controls";
import { ExperimentTable } from "./experiment-table";
import { SaveExperimentSnapshot } from "./save-experiment-snapshot";
import { RoleBadge } from "../session/role-badge";

/** The /experiment page: pick variants, start, watch the seed's A/B table fill in. */
export function ExperimentView() {
  const [display, setDisplay] = useDisplayOptions();
  const { run, probes, connected, role, error, start, cancel } = useExperiment();
  const operator = role === "operator";
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(allVariants().map((v) => v.id)));
  const [settings, setSettings] = useState({ labIdPrefix: "ab", firstSubnet: "10.99.0" });
  const running = run !== null && run.finishedAt === null;
  const firstFailure = useMemo(() => run?.variants.find((v) => v.explanation), [run]);
  const select = (id: string, on: boolean) => setSelected((s) => new Set([...s].filter((x) => x !== id).concat(on ? [id] : [])));
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
        <h1 className="text-xl font-bold">
          ovs-lab <span className="font-normal text-slate-500">· A/B experiment</span>
          <RoleBadge role={role} />
        </h1>
        <nav className="flex items-center gap-3">
          <Link href="/" className="rounded-md px-2 py-1 text-sm font-semibold text-sky-700 underline hover:bg-slate-100 dark:text-sky-300 dark:hover:bg-slate-800">Dashboard</Link>
          <DisplayToggles options={display} onChange={setDisplay} />
        </nav>
      </header>
      <main className="flex flex-col gap-3 p-4">
        <p className="max-w-4xl text-sm text-slate-700 dark:text-slate-300">
          The seed&apos;s investigation, automated: every variant builds its own lab (switch, endpoint kind, TX checksum offload on the endpoints&apos; eth0),
          tests every pair with ICMP, TCP and UDP, explains its first failing pair from captured packets, and tears the lab down. Variants this host cannot run are reported with the reason.
        </p>
        <ExperimentControls
          settings={settings}
          selectedCount={selected.size}
          running={running}
          connected={connected}
          operator={operator}
          progress={runProgress(run)}
          onSettings={setSettings}
          onSelectAll={(on) => setSelected(new Set(on ? allVariants().map((v) => v.id) : []))}
          onStart={() => start({ ...settings, only: allVariants().filter((v) => selected.has(v.id)).map((v) => v.id) })}
          onCancel={cancel}
        />
        {run?.finishedAt && operator && <SaveExperimentSnapshot key={run.id} run={run} />}
        {error && <p role="alert" className="text-red-700 dark:text-red-400">{error}</p>}
        {firstFailure?.explanation && (
          <section aria-labelledby="first-failure" data-testid="first-failure" className="rounded-lg border-l-4 border-red-500 bg-red-50 p-3 dark:bg-red-950/50">
            <h2 id="first-failure" className="font-bold">
              First failure: {firstFailure.explanation.pair} with {SWITCH_LABELS[firstFailure.variant.switch]}, {variantWords(firstFailure.variant).endpoints}, container offload {variantWords(firstFailure.variant).offload}
            </h2>
            <p className="text-sm">{firstFailure.explanation.headline}</p>
          </section>
        )}
        <div className="overflow-x-auto rounded-lg border border-slate-300 dark:border-slate-700">
          <ExperimentTable run={run} probes={run && probes?.experimentId === run.id ? probes.counts : {}} selection={{ selected, locked: running, onSelect: select }} />
        </div>
      </main>
    </div>
  );
}
