import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { SOCKET_PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from "../../../lib/contracts/socket-events";
import { identifyCaller } from "../../auth/caller";
import { originAllowed, type HostAllowlist } from "../../auth/request-origin";
import { servicesFor, type LabServices, type ServerServices } from "../../operations/lab-services";
import { stateRevision } from "../../operations/lab-operations";
import type { LabHandle } from "../../lab/lab-registry";
import { bindSocketEvents, type SocketData } from "./socket-bindings";
import { batchPerTurn } from "./batch-per-turn";
import type { ProbeResult } from "../../../lib/contracts/matrix";

export type LabIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketDeps {
  services: ServerServices;
  hosts: HostAllowlist;
  operatorToken: string;
}

/** Sockets opened on a lab id are in its room; the others follow the default lab. */
const labRoom = (labId: string) => `lab:${labId}`;
const DEFAULT_ROOM = "default-lab";

/** socket.io on the same HTTP server: each lab's events out to its pages, requests in through the operations. */
export function attachSocketServer(http: HttpServer, deps: SocketDeps): LabIo {
  const { labs } = deps.services;
  const io: LabIo = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // The handshake is where cross-site pages and rebinding names are stopped (no CORS is offered).
    allowRequest: (req, callback) => callback(null, deps.hosts.allows(req.headers.host) && originAllowed(req.headers.origin, req.headers.host)),
  });
  io.use((socket, next) => {
    const { headers, auth, query } = socket.handshake;
    socket.data.caller = identifyCaller({ authorization: headers.authorization, cookie: headers.cookie, token: auth?.token, viewAsViewer: query.view === "viewer" }, deps.operatorToken, deps.services.classes);
    const lab = typeof query.lab === "string" && query.lab !== "" ? query.lab : undefined;
    if (lab !== undefined && !labs.get(lab)) return next(new Error(`no lab "${lab}" on this server; labs: ${labs.list().map((h) => h.lab.labId).join(", ") || "none"}`));
    socket.data.labId = lab;
    next();
  });
  broadcastLabs(io, deps.services);
  io.on("connection", (socket) => {
    const { role, viewingAsViewer } = socket.data.caller;
    const labId = socket.data.labId;
    void socket.join(labId === undefined ? DEFAULT_ROOM : labRoom(labId));
    const services = () => servicesFor(deps.services, labId);
    socket.emit("hello", { protocolVersion: SOCKET_PROTOCOL_VERSION, labId: labId ?? labs.defaultLabId, role, viewingAsViewer, revision: helloRevision(services) });
    bindSocketEvents(socket, services);
  });
  return io;
}

/** The lab's state revision as the socket joins; none when its lab is gone (the page then reads the state, which says so). */
function helloRevision(services: () => LabServices): string {
  try {
    return stateRevision(services());
  } catch {
    return "";
  }
}

/** What every page of a lab shows live, viewers included: its topology, matrix runs and captures; the daemons and experiments to all. */
function broadcastLabs(io: LabIo, { ctx, labs, experiments, classes, presenter }: ServerServices): void {
  const toLab = (labId: string) => (labId === labs.defaultLabId ? io.to([labRoom(labId), DEFAULT_ROOM]) : io.to(labRoom(labId)));
  const inRoom = (room: string) => (io.sockets.adapter.rooms.get(room)?.size ?? 0) > 0;
  const watched = (labId: string) => inRoom(labRoom(labId)) || (labId === labs.defaultLabId && inRoom(DEFAULT_ROOM));
  const watch = ({ lab, captures }: LabHandle) => {
    const id = lab.labId;
    lab.on("topology", (t) => toLab(id).emit("topology", t));
    const results = batchPerTurn<ProbeResult>((batch) => toLab(id).emit("matrix:results", batch));
    lab.on("matrix:started", (r) => (results.flush(), toLab(id).emit("matrix:started", r)));
    // With no page open on the lab (runs from the API or the CLI), a result is not encoded for nobody.
    lab.on("matrix:result", (r) => watched(id) && results.add(r));
    lab.on("matrix:finished", (r) => (results.flush(), toLab(id).emit("matrix:finished", r)));
    captures.onStart((stream) => {
      toLab(id).emit("capture:started", stream.summary());
      stream.on("packet", (p) => toLab(id).emit("capture:packet", p));
      stream.once("end", (s) => toLab(id).emit("capture:end", s));
    });
  };
  labs.list().forEach(watch);
  labs.on("opened", watch);
  // The pages that follow the default lab see the new one (they read its whole state on this hello).
  labs.on("default", ({ lab }) => {
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.labId !== undefined) continue;
      const { role, viewingAsViewer } = socket.data.caller;
      socket.emit("hello", { protocolVersion: SOCKET_PROTOCOL_VERSION, labId: lab.labId, role, viewingAsViewer, revision: stateRevision({ ctx, lab }) });
    }
    void lab.topology().then((t) => io.to(DEFAULT_ROOM).emit("topology", t), () => undefined);
  });
  ctx.health?.on("change", () => io.emit("daemons", ctx.health!.snapshot()));
  // The teacher's grid to the sockets that watch the class; a student's own view to their pages.
  classes.on("update", (classId) => {
    if (!io.sockets.adapter.rooms.get(`class:${classId}`)?.size) return;
    try {
      io.to(`class:${classId}`).emit("class:update", classes.view(classId));
    } catch {
      // the class ended meanwhile
    }
  });
  classes.on("student", (labId, view) => io.to(`student:${labId}`).emit("student:update", view));
  presenter.on("state", (state) => toLab(state.labId).emit("presenter:state", state));
  experiments.onRun((run) => {
    run.on("variant", (u) => io.emit("experiment:variant", u));
    run.on("result", (u) => io.emit("experiment:result", u));
    run.on("finished", (s) => io.emit("experiment:finished", s));
  });
}
