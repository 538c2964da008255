import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { SOCKET_PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from "../../lib/contracts/socket-events";
import { matrixRequestSchema, offloadChangeSchema } from "../../lib/contracts/api-inputs";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";
import { readHostFacts } from "../host/host-facts";
import { cellKey, type ProbeResult } from "../../lib/contracts/matrix";
import { attachCaptureHandlers, broadcastExperiments } from "./capture-socket";

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** socket.io on the same HTTP server: lab events out, a few typed requests in. */
export function attachSocketServer(http: HttpServer, ctx: HostContext, lab: LabService): Server<ClientToServerEvents, ServerToClientEvents> {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
  lab.on("topology", (t) => io.emit("topology", t));
  lab.on("matrix:started", (r) => io.emit("matrix:started", r));
  const latest = latestResults(lab);
  lab.on("matrix:result", (r) => io.emit("matrix:result", r));
  lab.on("matrix:finished", (r) => io.emit("matrix:finished", r));
  broadcastExperiments(io, ctx);

  io.on("connection", (socket) => {
    const readOnly = socket.handshake.query.view === "viewer";
    socket.emit("hello", { protocolVersion: SOCKET_PROTOCOL_VERSION, labId: lab.labId, readOnly });
    attachCaptureHandlers(socket, ctx, lab, readOnly);
    socket.on("state:get", async (ack) => {
      if (typeof ack !== "function") return;
      try {
        const [topology, host] = await Promise.all([lab.topology(), readHostFacts(ctx)]);
        ack({ ok: true, value: { topology, host, lastRun: lab.lastRun, latest: latest() } });
      } catch (err) {
        ack({ ok: false, error: errorText(err) });
      }
    });
    socket.on("matrix:run", async (request, ack) => {
      if (typeof ack !== "function") return;
      if (readOnly) return ack({ ok: false, error: "this view is read-only" });
      const parsed = matrixRequestSchema.safeParse(request ?? {});
      if (!parsed.success) return ack({ ok: false, error: parsed.error.message });
      const pairs = parsed.data.pairs ? new Set(parsed.data.pairs.map(([a, b]) => `${a}>${b}`)) : undefined;
      let acked = false;
      const onStart = (run: { runId: string }) => {
        if (!acked) ack({ ok: true, value: { runId: run.runId } });
        acked = true;
      };
      lab.once("matrix:started", onStart);
      lab.runMatrix(parsed.data.protocols, parsed.data.timeoutMs ?? ctx.config.probeTimeoutMs, pairs).catch((err) => {
        lab.off("matrix:started", onStart);
        if (!acked) ack({ ok: false, error: errorText(err) });
        acked = true;
      });
    });
    socket.on("offload:set", async (request, ack) => {
      if (typeof ack !== "function") return;
      if (readOnly) return ack({ ok: false, error: "this view is read-only" });
      const changes = offloadChangeSchema.safeParse(request?.changes);
      if (!changes.success || typeof request?.interfaceId !== "string") return ack({ ok: false, error: "expected { interfaceId, changes: { tx: boolean, ... } }" });
      try {
        ack({ ok: true, value: await lab.setOffload(request.interfaceId, changes.data) });
        lab.scheduleRefresh(0);
      } catch (err) {
        ack({ ok: false, error: errorText(err) });
      }
    });
  });
  return io;
}

/** The newest result per matrix cell of the current lab, pair re-tests included. */
function latestResults(lab: LabService): () => ProbeResult[] {
  const cells = new Map<string, ProbeResult>();
  let labId = lab.labId;
  lab.on("matrix:result", (r) => {
    if (lab.labId !== labId) cells.clear();
    labId = lab.labId;
    cells.set(cellKey(r.from, r.to, r.protocol), r);
  });
  return () => (lab.labId === labId ? [...cells.values()] : []);
}
