"use client";
import { useCallback, useMemo, useState } from "react";
import Link from "next/link";
import { ReactFlowProvider } from "@xyflow/react";
import { progressOf } from "@/lib/dashboard/dashboard-state";
import { matrixNames } from "@/lib/dashboard/matrix-names";
import { txOffloadByEndpoint } from "@/lib/matrix-view/endpoint-groups";
import { useLabSocket } from "./use-lab-socket";
import { useDisplayOptions } from "./use-display-options";
import { TopologyGraph } from "./graph/topology-graph";
import type { GraphActions } from "./graph/graph-actions";
import { MatrixPanel } from "./matrix/matrix-panel";
import { OffloadPanel } from "./panels/offload-panel";
import { HostPanel } from "./panels/host-panel";
import { ConnectionBanner } from "./panels/connection-banner";
import { DaemonBanner } from "./panels/daemon-banner";
import { DisplayToggles } from "./panels/display-toggles";
import { isCapturing } from "@/lib/capture/capture-state";
import { useCapture } from "./capture/use-capture";
import { CaptureForm } from "./capture/capture-form";
import { LabEditPanels } from "./panels/lab-edit-panels";
import { CapturePanel } from "./capture/capture-panel";
import { useDiagnosis } from "./diagnosis/use-diagnosis";
import { DiagnosisPanel } from "./diagnosis/diagnosis-panel";
import { DashboardSnapshotControls, useDraggedLayout } from "./snapshots/dashboard-snapshot-controls";
import { RoleBadge } from "./session/role-badge";

/** The whole page: live graph, side panel, matrix. */
export function Dashboard() {
  const [rerunOnChange, setRerunOnChange] = useState(false);
  const [display, setDisplay] = useDisplayOptions();
  const { state, actions, getSocket } = useLabSocket({ rerunOnChange });
  const capture = useCapture(getSocket, state.role === "viewer");
  const diagnosis = useDiagnosis(getSocket);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hovered, setHovered] = useState<{ from: string; to: string } | null>(null);
  const { topology } = state;
  const { getLayout, onLayoutChange } = useDraggedLayout();

  const toggleTx = useCallback((id: string, on: boolean) => {
    setSelectedId(id);
    actions.setOffload(id, { tx: on });
  }, [actions]);
  const graphActions: GraphActions = useMemo(() => ({ toggleTx, select: setSelectedId, selectedId, readOnly: state.readOnly }), [toggleTx, selectedId, state.readOnly]);
  const selected = topology?.interfaces.find((i) => i.id === selectedId) ?? null;
  const names = useMemo(() => (topology ? matrixNames(topology) : []), [topology]);
  const txOffload = useMemo(() => (topology ? txOffloadByEndpoint(topology) : undefined), [topology]);
  const inactive = useMemo(() => new Set(topology?.endpoints.filter((e) => e.state !== "running").map((e) => e.name) ?? []), [topology]);

  return (
    <div className="flex min-h-screen flex-col">
      <ConnectionBanner state={state.connection} error={state.error} />
      <DaemonBanner daemons={state.daemons} canStart={state.role === "operator"} onStart={actions.startDaemon} />
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 px-4 py-2 dark:border-slate-700">
        <h1 className="text-xl font-bold">
          ovs-lab <span className="font-normal text-slate-500">· lab {state.labId ?? "…"}</span>
          <RoleBadge role={state.role} />
        </h1>
        <nav className="flex flex-wrap items-center gap-3">
          <DashboardSnapshotControls getLayout={getLayout} operator={state.role === "operator"} canSave={!state.readOnly && topology?.bridge != null} />
          <Link href="/experiment" className="rounded-md px-2 py-1 text-sm font-semibold text-sky-700 underline hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300 dark:hover:bg-slate-800">
            A/B experiment
          </Link>
          <DisplayToggles options={display} onChange={setDisplay} />
        </nav>
      </header>
      <main className="flex flex-1 flex-col gap-3 p-3">
        <div className={`flex flex-col gap-3 ${display.largeText ? "" : "lg:flex-row"}`}>
          <div
            className={`min-h-96 rounded-lg border border-slate-300 dark:border-slate-700 ${display.largeText ? "h-[70vh] w-full" : "h-[62vh] flex-1"}`}
            data-testid="graph"
          >
            {topology ? (
              <ReactFlowProvider>
                <TopologyGraph topology={topology} actions={graphActions} highlight={hovered} scale={display.largeText ? 1.25 : 1} colorMode={display.dark ? "dark" : "light"} onLayoutChange={onLayoutChange} />
              </ReactFlowProvider>
            ) : (
              <p className="p-4 text-slate-500">Waiting for the lab…</p>
            )}
          </div>
          <aside
            className={`w-full shrink-0 overflow-y-auto rounded-lg border border-slate-300 p-3 dark:border-slate-700 ${display.largeText ? "" : "lg:h-[62vh] lg:w-80"}`}
            aria-label="Details"
          >
            {selected ? (
              <OffloadPanel
                iface={selected}
                readOnly={state.readOnly}
                onChange={(f, on) => actions.setOffload(selected.id, { [f]: on })}
                onSelect={setSelectedId}
                onClose={() => setSelectedId(null)}
              >
                {!state.readOnly && (
                  <CaptureForm
                    interfaceId={selected.id}
                    disabled={!selected.up}
                    capturing={isCapturing(capture.view) && capture.view?.interfaceId === selected.id}
                    onStart={capture.start}
                  />
                )}
                {topology && <LabEditPanels iface={selected} topology={topology} readOnly={state.readOnly} getSocket={getSocket} />}
              </OffloadPanel>
            ) : (
              <HostPanel host={state.host} topology={topology} />
            )}
          </aside>
        </div>
        <MatrixPanel
          names={names}
          cells={state.cells}
          inactive={inactive}
          progress={progressOf(state)}
          rerunOnChange={rerunOnChange}
          readOnly={state.readOnly}
          onRun={actions.runAll}
          onRerunChange={setRerunOnChange}
          onHover={setHovered}
          onExplain={diagnosis.ask}
          txOffload={txOffload}
        />
        {diagnosis.view && (
          <DiagnosisPanel
            view={diagnosis.view}
            cells={state.cells}
            readOnly={state.readOnly}
            onFix={actions.setOffload}
            onRetry={() => diagnosis.view && diagnosis.ask(diagnosis.view.request)}
            onClose={diagnosis.close}
          />
        )}
        {capture.view && <CapturePanel view={capture.view} onStop={capture.stop} onClose={capture.clear} />}
      </main>
    </div>
  );
}
