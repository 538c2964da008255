import type { MatrixRunSummary, ProbeResult, Protocol } from "./matrix";
import type { OffloadFeature } from "./offload";
import type { BridgePort, NetInterface, Topology } from "./topology";
import type { FirewallList, FirewallRule, FlowList, FlowRule } from "./lab-edits";
import type { CapturedPacket, CaptureSummary } from "./capture";
import type { Diagnosis } from "./diagnosis";
import type { PathExplanation } from "./path-explain";
import type { ExperimentRunState, VariantResult } from "./experiment";
import type { Role } from "./access";
import type { DaemonHealthSnapshot, DaemonName } from "./daemon-health";
import type { LabSaveAnswer, LabSaveRequest, LabSpecAnswer } from "./lab-files";
import type { ClassView, StudentView } from "./classroom";
import type { PresenterSelection, PresenterState } from "./presenter";
import type { Impairment, ImpairmentList, LinkImpairment } from "./impairment";
import type { TerminalExit, TerminalInfo, TerminalOpenRequest } from "./terminal";
import type { LabStateAnswer } from "./lab-state";

/** Bumped whenever an event's shape changes; the client refuses a server that differs. */
export const SOCKET_PROTOCOL_VERSION = 7;

/** A refusal carries the same code and status the HTTP API would answer (401, 403, 400, 404, 409, ...). */
export type AckAnswer<T> = { ok: true; value: T } | { ok: false; error: string; code: string; status: number };
export type Ack<T> = (answer: AckAnswer<T>) => void;

export interface ServerToClientEvents {
  /**
   * `role` is what the server decided from the connection's credential; a viewer's requests to change anything are refused.
   * `revision`: the lab's state revision as the socket joined its room (lab-state.ts); every later change comes as an event.
   */
  hello: (info: { protocolVersion: number; labId: string; role: Role; viewingAsViewer: boolean; revision: string }) => void;
  topology: (topology: Topology) => void;
  /** ovsdb-server, ovs-vswitchd and dockerd: sent whenever one goes down or comes back. */
  daemons: (health: DaemonHealthSnapshot) => void;
  "matrix:started": (run: MatrixRunSummary) => void;
  /** A run's results as they land, those of one turn of the server's event loop together. */
  "matrix:results": (results: ProbeResult[]) => void;
  "matrix:finished": (run: MatrixRunSummary) => void;
  /** Captures go to everyone (viewers watch what the operator captures); each event carries the stream id. */
  "capture:started": (summary: CaptureSummary) => void;
  "capture:packet": (packet: CapturedPacket) => void;
  "capture:end": (summary: CaptureSummary) => void;
  /** Experiments go to everyone: one table, filling in live. */
  "experiment:variant": (update: { experimentId: string; variant: VariantResult }) => void;
  "experiment:result": (update: { experimentId: string; variantId: string; result: ProbeResult }) => void;
  "experiment:finished": (state: ExperimentRunState) => void;
  /** To the teacher's class page after class:watch: the grid, whenever a student's grades change. */
  "class:update": (view: ClassView) => void;
  /** To a student's pages: their steps and checks, whenever they change. */
  "student:update": (view: StudentView) => void;
  /** To every page of a lab: what the presenter shows now (pages that follow apply it). */
  "presenter:state": (state: PresenterState) => void;
  /** Only to the socket that opened the terminal: what its shell wrote, and that it ended. */
  "terminal:output": (chunk: { id: string; data: string }) => void;
  "terminal:exit": (exit: TerminalExit) => void;
}

export interface ClientToServerEvents {
  /** As GET /api/state: see lab-state.ts. */
  "state:get": (ack: Ack<LabStateAnswer>) => void;
  /** As POST /api/daemons/:name/start (the banner's "start it again"). */
  "daemon:start": (request: { daemon: DaemonName }, ack: Ack<DaemonHealthSnapshot>) => void;
  "matrix:run": (request: { protocols?: Protocol[]; pairs?: [string, string][] }, ack: Ack<{ runId: string; merged: boolean }>) => void;
  /** `retest`: the server tests the pairs the change can affect again as soon as the kernel has it (the run's events go to every page). */
  "offload:set": (request: { interfaceId: string; changes: Partial<Record<OffloadFeature, boolean>>; retest?: boolean }, ack: Ack<NetInterface>) => void;
  /** The page's fixes, as their HTTP routes (lib/contracts/lab-edits.ts): each answers what it changed, read again. */
  "interface:mtu": (request: { interfaceId: string; mtu: number }, ack: Ack<NetInterface>) => void;
  "interface:link": (request: { interfaceId: string; up: boolean }, ack: Ack<NetInterface>) => void;
  "endpoint:address": (request: { endpoint: string; address: string }, ack: Ack<NetInterface>) => void;
  "port:tag": (request: { port: string; tag: number | null }, ack: Ack<BridgePort>) => void;
  /** As POST /api/endpoints/:name/impairment and GET /api/impairments (lib/contracts/impairment.ts). */
  "impairment:set": (request: { endpoint: string; impairment: Impairment | null }, ack: Ack<{ endpoint: string; link: LinkImpairment | null }>) => void;
  "impairments:list": (request: Record<string, never>, ack: Ack<ImpairmentList>) => void;
  "flows:list": (request: Record<string, never>, ack: Ack<FlowList>) => void;
  /** As GET /api/lab/spec and POST /api/lab-files (lib/contracts/lab-files.ts): the running lab's spec; an edited one saved under labs/. */
  "lab:spec": (request: Record<string, never>, ack: Ack<LabSpecAnswer>) => void;
  "lab:save": (request: LabSaveRequest, ack: Ack<LabSaveAnswer>) => void;
  "flow:delete": (request: { id: string }, ack: Ack<FlowList & { deleted: FlowRule }>) => void;
  "firewall:list": (request: { endpoint: string }, ack: Ack<FirewallList>) => void;
  "firewall:delete": (request: { id: string }, ack: Ack<FirewallList & { deleted: FirewallRule }>) => void;
  /** Body as POST /api/captures; packets then arrive as capture:packet. */
  "capture:start": (request: unknown, ack: Ack<CaptureSummary>) => void;
  "capture:stop": (request: { id: string }, ack: Ack<CaptureSummary>) => void;
  /** Body as POST /api/diagnose. */
  diagnose: (request: unknown, ack: Ack<Diagnosis>) => void;
  /** Body as POST /api/path-explain: the cell's packet traced hop by hop while its probe runs once. */
  "path:explain": (request: unknown, ack: Ack<PathExplanation>) => void;
  /** Body as POST /api/experiments; rows then arrive as experiment:variant. */
  "experiment:start": (request: unknown, ack: Ack<ExperimentRunState>) => void;
  "experiment:cancel": (request: { id: string }, ack: Ack<{ id: string }>) => void;
  /** The operator's: the class grid now, and class:update after each change. */
  "class:watch": (request: { id: string }, ack: Ack<ClassView>) => void;
  /** A student's: their view now, and student:update after each change. */
  "student:get": (request: Record<string, never>, ack: Ack<StudentView>) => void;
  /** The operator's: what the presenter shows on this lab (sent to every page of it). */
  "presenter:set": (request: PresenterSelection, ack: Ack<PresenterState>) => void;
  /** What the presenter shows now on this lab (null before they choose anything). */
  "presenter:get": (request: Record<string, never>, ack: Ack<PresenterState | null>) => void;
  /**
   * The operator's only: a shell on a real PTY in an endpoint's network namespace, or in the host's
   * for one of its ports (lib/contracts/terminal.ts). Output then arrives as terminal:output to this
   * socket alone; the terminal closes when this socket disconnects.
   */
  "terminal:open": (request: TerminalOpenRequest, ack: Ack<TerminalInfo>) => void;
  "terminal:input": (request: { id: string; data: string }, ack: Ack<{ id: string }>) => void;
  "terminal:resize": (request: { id: string; cols: number; rows: number }, ack: Ack<TerminalInfo>) => void;
  "terminal:close": (request: { id: string }, ack: Ack<TerminalExit>) => void;
}
