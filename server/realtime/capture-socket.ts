import type { Server, Socket } from "socket.io";
import type { Ack, ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import { captureRequestSchema, diagnoseRequestSchema } from "../../lib/contracts/capture-inputs";
import { experimentRequestSchema } from "../../lib/contracts/experiment-inputs";
import type { LabService } from "../lab/lab-service";
import type { HostContext } from "../host/host-context";
import { loadTemplate } from "../lab/templates";
import { capturesOf } from "../capture/capture-service";
import type { CaptureStream } from "../capture/capture-stream";
import { diagnoseProbe, labSource } from "../diagnosis/diagnose-probe";
import { experimentsOf } from "../api/experiment-routes";

type TypedServer = Server<ClientToServerEvents, ServerToClientEvents>;
type TypedSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const UUID = /^[0-9a-f-]{36}$/;

/** Runs a request handler and answers its ack, refusing writes from read-only views. */
function answer<T>(ack: Ack<T>, readOnly: boolean, work: () => Promise<T>): void {
  if (typeof ack !== "function") return;
  if (readOnly) return ack({ ok: false, error: "this view is read-only" });
  work().then((value) => ack({ ok: true, value }), (err: unknown) => ack({ ok: false, error: errorText(err) }));
}

/** Experiment rows and probes go to every socket: there is one table. */
export function broadcastExperiments(io: TypedServer, ctx: HostContext): void {
  const experiments = experimentsOf(ctx);
  experiments.onRun((run) => {
    run.on("variant", (u) => io.emit("experiment:variant", u));
    run.on("result", (u) => io.emit("experiment:result", u));
    run.on("finished", (s) => io.emit("experiment:finished", s));
  });
}

/** capture:start/stop (streamed to this socket, stopped when it leaves), diagnose, experiment:start/cancel. */
export function attachCaptureHandlers(socket: TypedSocket, ctx: HostContext, lab: LabService, readOnly: boolean): void {
  const captures = capturesOf(lab);
  const mine = new Map<string, CaptureStream>();
  socket.on("capture:start", (request, ack) =>
    answer(ack, readOnly, async () => {
      const stream = await captures.start(captureRequestSchema.parse(request ?? {}));
      mine.set(stream.id, stream);
      for (const p of stream.packets) socket.emit("capture:packet", p);
      stream.on("packet", (p) => socket.emit("capture:packet", p));
      stream.on("end", (s) => (mine.delete(s.id), socket.emit("capture:end", s)));
      return stream.summary();
    }),
  );
  socket.on("capture:stop", (request, ack) =>
    answer(ack, readOnly, async () => {
      const id = typeof request?.id === "string" && UUID.test(request.id) ? request.id : "";
      const stream = captures.get(id);
      stream.stop();
      return (await stream.done, stream.summary());
    }),
  );
  socket.on("disconnect", () => mine.forEach((stream) => stream.stop()));
  socket.on("diagnose", (request, ack) => answer(ack, readOnly, () => diagnoseProbe(ctx, labSource(lab), captures, diagnoseRequestSchema.parse(request ?? {}))));
  socket.on("experiment:start", (request, ack) =>
    answer(ack, readOnly, async () => {
      const parsed = experimentRequestSchema.parse(request ?? {});
      return experimentsOf(ctx).start(ctx, await loadTemplate(ctx.config.projectRoot, "seed"), parsed).state;
    }),
  );
  socket.on("experiment:cancel", (request, ack) =>
    answer(ack, readOnly, async () => {
      const run = experimentsOf(ctx).get(typeof request?.id === "string" && UUID.test(request.id) ? request.id : "");
      run.cancel();
      return { id: run.id };
    }),
  );
}
