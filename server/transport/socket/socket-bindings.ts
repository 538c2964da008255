import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../../lib/contracts/socket-events";
import type { Caller } from "../../auth/caller";
import { invoke, type Operation } from "../../operations/operation";
import type { LabServices } from "../../operations/lab-services";
import * as lab from "../../operations/lab-operations";
import * as edit from "../../operations/lab-edit-operations";
import * as capture from "../../operations/capture-operations";
import type { LiveCapture } from "../../operations/capture-operations";
import { pathExplain } from "../../operations/path-operations";
import * as experiment from "../../operations/experiment-operations";
import * as classOps from "../../operations/class-operations";
import * as labFiles from "../../operations/lab-file-operations";
import * as impair from "../../operations/impairment-operations";
import { terminalOperations } from "../../operations/terminal-operations";
import type { TerminalSession } from "../../terminal/terminal-session";
import { errorAnswer } from "../error-answer";

export interface SocketData {
  caller: Caller;
  /** The lab this socket was opened on (`?lab=<id>`); absent: the server's default lab, whichever it is. */
  labId?: string;
}
export type LabSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Calls the operation for this socket's caller and answers the ack; nothing a client sends can throw out of here. */
function answer<I, O, V>(socket: LabSocket, services: () => LabServices, event: string, operation: Operation<I, O>, payload: unknown, ack: unknown, present: (o: O) => V): void {
  if (typeof ack !== "function") return;
  const reply = ack as Ack<V>;
  const caller = socket.data.caller;
  // The lab is looked up per event: it may have been closed since the socket opened.
  Promise.resolve()
    .then(() => invoke(operation, services(), caller, () => payload ?? {}))
    .then(
    (value) => reply({ ok: true, value: present(value) }),
    (err: unknown) => {
      const { status, code, message } = errorAnswer(err, caller, `socket ${event}`);
      reply({ ok: false, error: message, code, status });
    },
  );
}

const same = <T>(v: T) => v;

/** Each event is a thin adapter over the same operation the HTTP route calls. */
export function bindSocketEvents(socket: LabSocket, services: () => LabServices): void {
  const mine = new Map<string, LiveCapture>();
  socket.on("state:get", (ack) => answer(socket, services, "state:get", lab.labState, {}, ack, same));
  socket.on("matrix:run", (request, ack) => answer(socket, services, "matrix:run", lab.matrixStart, request, ack, same));
  socket.on("daemon:start", (request, ack) => answer(socket, services, "daemon:start", lab.daemonStart, request, ack, same));
  socket.on("offload:set", (request, ack) => answer(socket, services, "offload:set", lab.offloadSet, request, ack, same));
  socket.on("interface:mtu", (request, ack) => answer(socket, services, "interface:mtu", edit.interfaceMtu, request, ack, same));
  socket.on("interface:link", (request, ack) => answer(socket, services, "interface:link", edit.interfaceLink, request, ack, same));
  socket.on("endpoint:address", (request, ack) => answer(socket, services, "endpoint:address", edit.endpointAddress, request, ack, same));
  socket.on("port:tag", (request, ack) => answer(socket, services, "port:tag", edit.portTag, request, ack, same));
  socket.on("impairment:set", (request, ack) => answer(socket, services, "impairment:set", impair.impairmentSet, request, ack, same));
  socket.on("impairments:list", (request, ack) => answer(socket, services, "impairments:list", impair.impairmentList, request, ack, same));
  socket.on("flows:list", (request, ack) => answer(socket, services, "flows:list", edit.flowList, request, ack, same));
  socket.on("lab:spec", (request, ack) => answer(socket, services, "lab:spec", labFiles.labSpec, request, ack, same));
  socket.on("lab:save", (request, ack) => answer(socket, services, "lab:save", labFiles.labSave, request, ack, same));
  socket.on("flow:delete", (request, ack) => answer(socket, services, "flow:delete", edit.flowDelete, request, ack, same));
  socket.on("firewall:list", (request, ack) => answer(socket, services, "firewall:list", edit.firewallList, request, ack, same));
  socket.on("firewall:delete", (request, ack) => answer(socket, services, "firewall:delete", edit.firewallDelete, request, ack, same));
  socket.on("capture:start", (request, ack) =>
    answer(socket, services, "capture:start", capture.captureStart, request, ack, (stream) => {
      // A capture this page started stops when the page goes away.
      mine.set(stream.id, stream);
      stream.once("end", () => mine.delete(stream.id));
      return stream.summary();
    }),
  );
  socket.on("capture:stop", (request, ack) => answer(socket, services, "capture:stop", capture.captureStop, request, ack, same));
  socket.on("diagnose", (request, ack) => answer(socket, services, "diagnose", capture.diagnose, request, ack, same));
  socket.on("path:explain", (request, ack) => answer(socket, services, "path:explain", pathExplain, request, ack, same));
  socket.on("experiment:start", (request, ack) => answer(socket, services, "experiment:start", experiment.experimentStart, request, ack, same));
  socket.on("experiment:cancel", (request, ack) =>
    answer(socket, services, "experiment:cancel", experiment.experimentCancel, request, ack, (r) => ({ id: r.id })),
  );
  socket.on("class:watch", (request, ack) =>
    answer(socket, services, "class:watch", classOps.classGet, request, ack, (view) => {
      void socket.join(`class:${view.classId}`);
      return view;
    }),
  );
  socket.on("student:get", (request, ack) =>
    answer(socket, services, "student:get", classOps.studentView, request, ack, (view) => {
      void socket.join(`student:${view.labId}`);
      return view;
    }),
  );
  socket.on("presenter:set", (request, ack) => answer(socket, services, "presenter:set", classOps.presenterSet, request, ack, same));
  socket.on("presenter:get", (request, ack) => answer(socket, services, "presenter:get", classOps.presenterGet, request, ack, same));
  const terminals = bindTerminalEvents(socket, services);
  socket.on("disconnect", () => {
    mine.forEach((stream) => stream.stop());
    terminals.forEach((session) => void session.close("disconnected"));
  });
}

/** Packets waiting in the socket's own buffer past which a terminal's shell is held (a flood such as `yes`). */
const TERMINAL_BACKLOG = 64;

/** Terminals: this socket's own, their output to it alone. Answers the map of the ones it holds open. */
function bindTerminalEvents(socket: LabSocket, services: () => LabServices): Map<string, TerminalSession> {
  const open = new Map<string, TerminalSession>();
  const ops = terminalOperations(randomUUID());
  const held = new Set<string>();
  // engine.io keeps what it could not send yet in writeBuffer (not in its typings); "drain" says it emptied.
  const backlog = () => (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
  const hold = (session: TerminalSession) => {
    if (held.has(session.id)) return;
    held.add(session.id);
    session.pause();
    socket.conn.once("drain", () => (held.delete(session.id), session.resume()));
  };
  socket.on("terminal:open", (request, ack) =>
    answer(socket, services, "terminal:open", ops.open, request, ack, (session) => {
      // The page left while the shell started: nobody would ever close it.
      if (socket.disconnected) void session.close("disconnected");
      open.set(session.id, session);
      session.on("output", (data) => {
        socket.emit("terminal:output", { id: session.id, data });
        if (backlog() > TERMINAL_BACKLOG) hold(session);
      });
      session.once("exit", (exit) => {
        open.delete(session.id);
        socket.emit("terminal:exit", exit);
      });
      return session.info();
    }),
  );
  socket.on("terminal:input", (request, ack) => answer(socket, services, "terminal:input", ops.input, request, ack, same));
  socket.on("terminal:resize", (request, ack) => answer(socket, services, "terminal:resize", ops.resize, request, ack, same));
  socket.on("terminal:close", (request, ack) => answer(socket, services, "terminal:close", ops.close, request, ack, same));
  return open;
}
