import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { SOCKET_PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from "../../../lib/contracts/socket-events";
import { identifyCaller } from "../../auth/caller";
import { originAllowed, type HostAllowlist } from "../../auth/request-origin";
import type { LabServices } from "../../operations/lab-services";
import { bindSocketEvents, type SocketData } from "./socket-bindings";

export type LabIo = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketDeps {
  services: LabServices;
  hosts: HostAllowlist;
  operatorToken: string;
}

/** socket.io on the same HTTP server: lab events out to everyone, requests in through the operations. */
export function attachSocketServer(http: HttpServer, deps: SocketDeps): LabIo {
  const io: LabIo = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // The handshake is where cross-site pages and rebinding names are stopped (no CORS is offered).
    allowRequest: (req, callback) => callback(null, deps.hosts.allows(req.headers.host) && originAllowed(req.headers.origin, req.headers.host)),
  });
  io.use((socket, next) => {
    const { headers, auth, query } = socket.handshake;
    socket.data.caller = identifyCaller({ authorization: headers.authorization, cookie: headers.cookie, token: auth?.token, viewAsViewer: query.view === "viewer" }, deps.operatorToken);
    next();
  });
  broadcastLab(io, deps.services);
  io.on("connection", (socket) => {
    const { role, viewingAsViewer } = socket.data.caller;
    socket.emit("hello", { protocolVersion: SOCKET_PROTOCOL_VERSION, labId: deps.services.lab.labId, role, viewingAsViewer });
    bindSocketEvents(socket, deps.services);
  });
  return io;
}

/** What every page shows live, viewers included: the topology, matrix runs, captures and experiments. */
function broadcastLab(io: LabIo, { ctx, lab, captures, experiments }: LabServices): void {
  lab.on("topology", (t) => io.emit("topology", t));
  ctx.health?.on("change", () => io.emit("daemons", ctx.health!.snapshot()));
  lab.on("matrix:started", (r) => io.emit("matrix:started", r));
  lab.on("matrix:result", (r) => io.emit("matrix:result", r));
  lab.on("matrix:finished", (r) => io.emit("matrix:finished", r));
  captures.onStart((stream) => {
    io.emit("capture:started", stream.summary());
    stream.on("packet", (p) => io.emit("capture:packet", p));
    stream.once("end", (s) => io.emit("capture:end", s));
  });
  experiments.onRun((run) => {
    run.on("variant", (u) => io.emit("experiment:variant", u));
    run.on("result", (u) => io.emit("experiment:result", u));
    run.on("finished", (s) => io.emit("experiment:finished", s));
  });
}
