import type { Role } from "../contracts/access";
import type { HostFacts } from "../contracts/host-facts";
import type { DaemonHealthSnapshot } from "../contracts/daemon-health";
import { cellKey, type MatrixRun, type MatrixRunSummary, type ProbeResult, type Protocol } from "../contracts/matrix";
import type { NetInterface, Topology } from "../contracts/topology";

export const CONNECTION = { connecting: "connecting", online: "online", reconnecting: "reconnecting", incompatible: "incompatible" } as const;
export type ConnectionState = (typeof CONNECTION)[keyof typeof CONNECTION];

import { CellTable, type Cell } from "./cell-table";

export type { Cell } from "./cell-table";

export interface RunProgress {
  runId: string;
  total: number;
  done: number;
}

export interface DashboardState {
  connection: ConnectionState;
  labId: string | null;
  /** Until the server says this page is the operator's, it changes nothing. */
  readOnly: boolean;
  role: Role | null;
  topology: Topology | null;
  host: HostFacts | null;
  /** ovsdb-server, ovs-vswitchd and dockerd as the server sees them; null until it says. */
  daemons: DaemonHealthSnapshot | null;
  cells: CellTable;
  runs: Record<string, RunProgress>;
  error: string | null;
}

export type DashboardAction =
  | { kind: "connection"; state: ConnectionState }
  | { kind: "hello"; labId: string; role: Role }
  | { kind: "state"; topology: Topology; host: HostFacts; lastRun: MatrixRun | null; latest: ProbeResult[]; daemons: DaemonHealthSnapshot }
  | { kind: "daemons"; daemons: DaemonHealthSnapshot }
  | { kind: "topology"; topology: Topology }
  | { kind: "interface"; iface: NetInterface }
  | { kind: "pending"; pairs: [string, string][]; protocols: readonly Protocol[] }
  | { kind: "run-started"; run: MatrixRunSummary }
  | { kind: "result"; result: ProbeResult }
  /** Results that arrived within one frame, applied at once: a 100-endpoint run streams 30,300 of them. */
  | { kind: "results"; results: ProbeResult[] }
  | { kind: "run-finished"; run: MatrixRunSummary }
  | { kind: "error"; message: string | null };

export const initialDashboardState: DashboardState = {
  connection: CONNECTION.connecting,
  labId: null,
  readOnly: true,
  role: null,
  topology: null,
  host: null,
  daemons: null,
  cells: CellTable.EMPTY,
  runs: {},
  error: null,
};

const settled = (c: Cell): Cell => (c.pending ? { ...c, pending: false } : c);

/** The cells with nothing pending. */
function withoutPending(cells: CellTable): CellTable {
  return cells.map(settled);
}

/** Every change to what the page shows goes through here: pure, so it is tested without a browser. */
export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.kind) {
    case "connection":
      return { ...state, connection: action.state };
    case "hello":
      return { ...state, labId: action.labId, role: action.role, readOnly: action.role !== "operator" };
    case "state": {
      const cells = withoutPending(state.cells).withResults([...(action.lastRun?.results ?? []), ...action.latest]);
      return { ...state, topology: action.topology, host: action.host, daemons: action.daemons, cells, runs: {}, error: null };
    }
    case "daemons":
      return { ...state, daemons: action.daemons };
    case "topology":
      return { ...state, topology: action.topology };
    case "interface": {
      if (!state.topology) return state;
      const interfaces = state.topology.interfaces.map((i) => (i.id === action.iface.id ? action.iface : i));
      return { ...state, topology: { ...state.topology, interfaces } };
    }
    case "pending": {
      const keys = action.pairs.flatMap(([from, to]) => action.protocols.map((p) => cellKey(from, to, p)));
      const cells = state.cells.with(keys.map((key): [string, Cell] => [key, { result: state.cells.get(key)?.result ?? null, pending: true }]));
      return { ...state, cells };
    }
    case "run-started":
      return { ...state, runs: { ...state.runs, [action.run.runId]: { runId: action.run.runId, total: action.run.total, done: 0 } } };
    case "result":
      return withResults(state, [action.result]);
    case "results":
      return action.results.length ? withResults(state, action.results) : state;
    case "run-finished": {
      const { [action.run.runId]: _finished, ...runs } = state.runs;
      return { ...state, runs };
    }
    case "error":
      return { ...state, error: action.message, cells: action.message ? withoutPending(state.cells) : state.cells };
  }
}

/** A whole batch at once: the rows of cells it touches are copied once, the runs' counts moved once. */
function withResults(state: DashboardState, results: readonly ProbeResult[]): DashboardState {
  let runs = state.runs;
  for (const r of results) {
    const run = runs[r.runId];
    if (run) runs = { ...runs, [r.runId]: { ...run, done: run.done + 1 } };
  }
  return { ...state, runs, cells: state.cells.withResults(results) };
}

/** Probes done and planned over every run in flight. */
export function progressOf(state: DashboardState): { done: number; total: number } {
  return Object.values(state.runs).reduce((acc, r) => ({ done: acc.done + r.done, total: acc.total + r.total }), { done: 0, total: 0 });
}
