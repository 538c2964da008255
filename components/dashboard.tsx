"use client";
import dynamic from "next/dynamic";
import { useCallback, useMemo, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { CONNECTION, progressOf } from "@/lib/dashboard/dashboard-state";
import { matrixNames } from "@/lib/dashboard/matrix-names";
import { pagePermissions, refusalOf } from "@/lib/dashboard/page-permissions";
import { OFFLOAD_OPERATION } from "@/lib/contracts/lab-edits";
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
import { isCapturing } from "@/lib/capture/capture-state";
import { useCapture } from "./capture/use-capture";
import { CaptureForm } from "./capture/capture-form";
import { LabEditPanels } from "./panels/lab-edit-panels";
import { CapturePanel } from "./capture/capture-panel";
import { useDiagnosis } from "./diagnosis/use-diagnosis";
import { DiagnosisPanel } from "./diagnosis/diagnosis-panel";
import { usePathExplain } from "./path/use-path-explain";
import { PathPanel } from "./path/path-panel";
import { useDraggedLayout } from "./snapshots/dashboard-snapshot-controls";
import { DashboardHeader } from "./dashboard-header";
import { useStudentView } from "./student/use-student-view";
import { StudentPanel } from "./student/student-panel";
import { StudentNotice } from "./student/student-notice";
import { useFollowedView } from "./presenter/use-followed-view";
import { PresenterStepCard } from "./presenter/presenter-step-card";
import { useRetestOnArrival } from "./editor/use-retest-on-arrival";
import { useTerminals } from "./terminal/use-terminals";
import { TerminalPanel } from "./terminal/terminal-panel";

// The editor (with its YAML writer) loads when it is opened, not with every page.
const LabEditor = dynamic(() => import("./editor/lab-editor").then((m) => m.LabEditor), { ssr: false, loading: () => <p className="p-4 text-sm text-slate-500">Opening the editor…</p> });

/**
 * The whole page: live graph, side panel, matrix. `labId`: the lab of a /labs/<id> page; without it the
 * server's default lab. A student on their own lab also gets their task beside it, and may use what it allows.
 */
export function Dashboard({ labId }: { labId?: string } = {}) {
  const [rerunOnChange, setRerunOnChange] = useState(false);
  const [display, setDisplay] = useDisplayOptions();
  const { state, actions, getSocket } = useLabSocket({ rerunOnChange, labId });
  const online = state.connection === CONNECTION.online;
  const student = useStudentView(getSocket, online && state.role === "student");
  const permissions = useMemo(() => pagePermissions({ role: state.role, labId: state.labId, student: student.view }), [state.role, state.labId, student.view]);
  const refusal = useCallback((operation: string) => refusalOf(permissions, operation), [permissions]);
  const capture = useCapture(getSocket, refusal("capture") !== null);
  const diagnosis = useDiagnosis(getSocket);
  const path = usePathExplain(getSocket);
  // Pages other than the operator's follow the presenter's selection until they detach.
  const follow = useFollowedView(getSocket, online, state.role !== null && state.role !== "operator");
  const { selectedId, select, setHovered, highlight } = follow;
  const { topology } = state;
  const { getLayout, onLayoutChange } = useDraggedLayout();
  const txRefused = refusal(OFFLOAD_OPERATION);
  // The lab editor: the operator's only (viewers and students never see it).
  const [editing, setEditing] = useState(false);
  const operator = state.role === "operator";
  useRetestOnArrival(operator && online && topology !== null, actions.runAll);
  const terminals = useTerminals(getSocket);
  // A terminal is a root shell on the host: the operator's page alone draws its buttons.
  const openTerminal = state.role === "operator" ? terminals.open : undefined;

  const toggleTx = useCallback(
    (id: string, on: boolean) => {
      select(id);
      actions.setOffload(id, { tx: on });
    },
    [actions, select],
  );
  const graphActions: GraphActions = useMemo(() => ({ toggleTx, select, selectedId, txRefused, openTerminal }), [toggleTx, select, selectedId, txRefused, openTerminal]);
  const selected = topology?.interfaces.find((i) => i.id === selectedId) ?? null;
  const names = useMemo(() => (topology ? matrixNames(topology) : []), [topology]);
  const txOffload = useMemo(() => (topology ? txOffloadByEndpoint(topology) : undefined), [topology]);
  const inactive = useMemo(() => new Set(topology?.endpoints.filter((e) => e.state !== "running").map((e) => e.name) ?? []), [topology]);
  const ownTask = permissions.ownLab && student.view ? student.view : null;
  // The task's column is there from the moment the page knows it is a student's, before the task arrives,
  // so the graph moves once (it is fitted again to its narrower box: fit-on-resize.tsx).
  const taskColumn = ownTask !== null || (state.role === "student" && student.view === null && student.error === null);

  return (
    <div className="flex min-h-screen flex-col">
      <ConnectionBanner state={state.connection} error={state.error} />
      <DaemonBanner daemons={state.daemons} canStart={state.role === "operator"} onStart={actions.startDaemon} />
      <DashboardHeader
        labId={state.labId}
        routeLabId={labId}
        role={state.role}
        student={student.view ? { name: student.view.name, ownLab: permissions.ownLab } : null}
        snapshots={{ getLayout, canSave: !state.readOnly && topology?.bridge != null }}
        display={display}
        onDisplay={setDisplay}
        follow={follow.enabled ? { state: follow.state, dispatch: follow.dispatch } : null}
      />
      {state.role === "student" && !ownTask && <StudentNotice view={student.view} error={student.error} />}
      <div className="flex flex-1 flex-col gap-3 p-3 xl:flex-row">
        <main className="flex min-w-0 flex-1 flex-col gap-3">
          {follow.step && <PresenterStepCard step={follow.step} />}
          {operator && !editing && (
            <div className="flex justify-end">
              <button type="button" onClick={() => setEditing(true)} className="rounded-md border border-sky-500 px-2 py-0.5 text-sm font-semibold text-sky-700 hover:bg-sky-50 dark:text-sky-300 dark:hover:bg-slate-800">
                Edit lab
              </button>
            </div>
          )}
          {operator && editing ? (
            <LabEditor routeLabId={labId} colorMode={display.dark ? "dark" : "light"} progress={progressOf(state)} onRetest={actions.runPairs} onClose={() => setEditing(false)} />
          ) : (
          <div className={`flex flex-col gap-3 ${display.largeText ? "" : "lg:flex-row"}`}>
            <div
              id="lab-graph"
              className={`min-h-96 rounded-lg border border-slate-300 dark:border-slate-700 ${display.largeText ? "h-[70vh] w-full" : "h-[62vh] flex-1"}`}
              data-testid="graph"
            >
              {topology ? (
                <ReactFlowProvider>
                  <TopologyGraph topology={topology} actions={graphActions} highlight={highlight} pathTrace={path.view?.explained ?? null} scale={display.largeText ? 1.25 : 1} colorMode={display.dark ? "dark" : "light"} onLayoutChange={onLayoutChange} />
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
                  refused={txRefused}
                  onChange={(f, on) => actions.setOffload(selected.id, { [f]: on })}
                  onSelect={select}
                  onClose={() => select(null)}
                >
                  {refusal("capture") === null && (
                    <CaptureForm
                      interfaceId={selected.id}
                      disabled={!selected.up}
                      capturing={isCapturing(capture.view) && capture.view?.interfaceId === selected.id}
                      onStart={capture.start}
                    />
                  )}
                  {topology && <LabEditPanels iface={selected} topology={topology} refusalOf={refusal} getSocket={getSocket} />}
                </OffloadPanel>
              ) : (
                <HostPanel host={state.host} topology={topology} />
              )}
            </aside>
          </div>
          )}
          <TerminalPanel terminals={terminals} getSocket={getSocket} />
          <div id="lab-matrix">
            <MatrixPanel
              names={names}
              cells={state.cells}
              inactive={inactive}
              progress={progressOf(state)}
              rerunOnChange={rerunOnChange}
              runRefused={refusal("matrix run")}
              onRun={actions.runAll}
              onRerunChange={setRerunOnChange}
              onHover={(pair) => setHovered(pair)}
              onExplain={refusal("diagnosis") === null ? diagnosis.ask : undefined}
              selectedCell={follow.cell}
              txOffload={txOffload}
            />
          </div>
          {diagnosis.view && (
            <DiagnosisPanel
              view={diagnosis.view}
              cells={state.cells}
              fixRefused={txRefused}
              onFix={actions.setOffload}
              onRetry={() => diagnosis.view && diagnosis.ask(diagnosis.view.request)}
              onClose={diagnosis.close}
              onExplainPath={refusal("path explanation") === null ? () => diagnosis.view && path.ask(diagnosis.view.request) : undefined}
            />
          )}
          {path.view && (
            <PathPanel view={path.view} refusalOf={refusal} onFix={path.applyFix} onRetry={() => path.view && path.ask(path.view.request)} onClose={path.close} />
          )}
          {capture.view && (
            <div id="lab-capture">
              <CapturePanel view={capture.view} onStop={capture.stop} onClose={capture.clear} />
            </div>
          )}
        </main>
        {taskColumn && (
          <aside aria-label="Your task" className="w-full shrink-0 overflow-y-auto rounded-lg border border-violet-400 p-3 xl:sticky xl:top-3 xl:max-h-[calc(100vh-1.5rem)] xl:w-96">
            {ownTask ? <StudentPanel view={ownTask} /> : <p className="text-slate-500">Reading your task…</p>}
          </aside>
        )}
      </div>
    </div>
  );
}
