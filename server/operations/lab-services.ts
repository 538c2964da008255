import type { HostContext } from "../host/host-context";
import type { LabService } from "../lab/lab-service";
import type { LatestResults } from "../lab/latest-results";
import type { LabHandle, LabRegistry } from "../lab/lab-registry";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import type { CaptureRegistry } from "../capture/capture-service";
import type { ExperimentRegistry } from "../experiment/experiment-runner";
import type { ClassRegistry } from "../classroom/class-registry";
import type { PresenterBoard } from "../classroom/presenter-board";
import type { TerminalRegistry } from "../terminal/terminal-registry";

/** What the server makes once at start and shares with both transports: the host, the hosted labs, the stores. */
export interface ServerServices {
  ctx: HostContext;
  labs: LabRegistry;
  classes: ClassRegistry;
  presenter: PresenterBoard;
  snapshots: SnapshotStore;
  experiments: ExperimentRegistry;
  /** The operator's in-page terminals, counted against one limit for the whole server. */
  terminals: TerminalRegistry;
}

/** Everything an operation acts on: the server's services and the one lab the request is about. */
export interface LabServices extends ServerServices {
  lab: LabService;
  latest: LatestResults;
  captures: CaptureRegistry;
  /** "default": the request named no lab (the single-lab routes); "named": /api/labs/<labId>/… or a socket opened on one. */
  scope: "default" | "named";
}

/** The services of one request: about `labId`'s lab (a 404 when there is none), or the default lab. */
export function servicesFor(server: ServerServices, labId?: string): LabServices {
  return labId === undefined ? withLab(server, server.labs.default, "default") : withLab(server, server.labs.require(labId), "named");
}

export function withLab(server: ServerServices, handle: LabHandle, scope: LabServices["scope"]): LabServices {
  return { ...server, lab: handle.lab, latest: handle.latest, captures: handle.captures, scope };
}
