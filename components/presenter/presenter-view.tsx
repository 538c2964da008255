"use client";
import { useCallback, useMemo } from "react";
import Link from "next/link";
import { ReactFlowProvider } from "@xyflow/react";
import { PROTOCOLS } from "@/lib/contracts/matrix";
import { OFFLOAD_OPERATION } from "@/lib/contracts/lab-edits";
import { CONNECTION } from "@/lib/dashboard/dashboard-state";
import { matrixNames } from "@/lib/dashboard/matrix-names";
import { pagePermissions, refusalOf } from "@/lib/dashboard/page-permissions";
import { cellPair, followedSelection } from "@/lib/classroom/follow-state";
import { useLabSocket } from "../use-lab-socket";
import { useDisplayOptions } from "../use-display-options";
import { TopologyGraph } from "../graph/topology-graph";
import type { GraphActions } from "../graph/graph-actions";
import { MatrixGrid } from "../matrix/matrix-grid";
import { ConnectionBanner } from "../panels/connection-banner";
import { DisplayToggles } from "../panels/display-toggles";
import { RoleBadge } from "../session/role-badge";
import { NAV_LINK } from "../snapshots/snapshot-page-header";
import { labUrls } from "../labs/lab-client";
import { usePresenterFollow } from "./use-follow";
import { NO_SELECTION, usePresenterControls } from "./use-presenter-controls";
import { FollowControl } from "./follow-control";
import { StepPicker } from "./step-picker";
import { PresenterStepCard } from "./presenter-step-card";

/**
 * `/labs/<id>/present`, for the projector: large text, the graph and the matrix only, and the current step.
 * The operator's clicks (a cell, an interface, a step) are sent as the presenter's selection; the lab's other
 * pages follow it. Anyone else who opens this page sees it follow the presenter.
 */
export function PresenterView({ labId }: { labId: string }) {
  const [display, setDisplay] = useDisplayOptions();
  const { state, actions, getSocket } = useLabSocket({ rerunOnChange: false, labId });
  const online = state.connection === CONNECTION.online;
  const operator = state.role === "operator";
  const [follow, dispatch] = usePresenterFollow(getSocket, online);
  const controls = usePresenterControls(getSocket, follow.latest);
  const shown = operator ? controls.selection : (followedSelection(follow) ?? NO_SELECTION);
  const { change } = controls;
  const txRefused = refusalOf(pagePermissions({ role: state.role, labId: state.labId, student: null }), OFFLOAD_OPERATION);

  const select = useCallback((id: string | null) => operator && change({ node: id, panel: id ? "interface" : null }), [operator, change]);
  const toggleTx = useCallback((id: string, on: boolean) => actions.setOffload(id, { tx: on }), [actions]);
  const graphActions: GraphActions = useMemo(() => ({ toggleTx, select, selectedId: shown.node, txRefused }), [toggleTx, select, shown.node, txRefused]);
  const selectCell = (key: string) => change({ cell: shown.cell === key ? null : key, panel: "matrix" });
  const { topology } = state;
  const names = useMemo(() => (topology ? matrixNames(topology) : []), [topology]);
  const inactive = useMemo(() => new Set(topology?.endpoints.filter((e) => e.state !== "running").map((e) => e.name) ?? []), [topology]);

  return (
    <div className="flex min-h-screen flex-col text-xl" data-testid="presenter-view">
      <ConnectionBanner state={state.connection} error={state.error ?? controls.error} />
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
        <h1 className="text-3xl font-bold">
          Lab <span className="font-mono">{state.labId ?? labId}</span>
          <span className="ml-2 text-lg font-normal text-slate-500">presenter view</span>
          <RoleBadge role={state.role} />
        </h1>
        <nav className="flex flex-wrap items-center gap-3">
          {operator ? <StepPicker step={shown.step} onStep={(step) => change({ step })} /> : <FollowControl state={follow} dispatch={dispatch} />}
          {operator && (
            <button type="button" onClick={actions.runAll} className="rounded-md bg-sky-600 px-3 py-1 text-base font-semibold text-white hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
              Run tests
            </button>
          )}
          <Link href={labUrls.lab(labId)} className={NAV_LINK}>Dashboard</Link>
          <DisplayToggles options={display} onChange={setDisplay} />
        </nav>
      </header>
      <main className="flex flex-1 flex-col gap-4 p-4">
        <PresenterStepCard step={shown.step} large />
        <div className="h-[58vh] min-h-96 rounded-lg border border-slate-300 dark:border-slate-700" data-testid="graph">
          {topology ? (
            <ReactFlowProvider>
              <TopologyGraph topology={topology} actions={graphActions} highlight={cellPair(shown.cell)} scale={1.4} colorMode={display.dark ? "dark" : "light"} />
            </ReactFlowProvider>
          ) : (
            <p className="p-4 text-slate-500">Waiting for the lab…</p>
          )}
        </div>
        <section aria-label="Test matrix" className="flex flex-wrap gap-6 overflow-x-auto [&_caption]:text-2xl [&_table]:text-lg [&_td]:min-w-20 [&_td]:py-2">
          {PROTOCOLS.map((p) => (
            <MatrixGrid key={p} protocol={p} names={names} cells={state.cells} inactive={inactive} onHover={() => undefined} selected={shown.cell} onSelect={operator ? selectCell : undefined} />
          ))}
        </section>
        {operator && <p className="text-base text-slate-500">Click a cell or an interface: every page of this lab that follows the presenter shows the same.</p>}
      </main>
    </div>
  );
}
