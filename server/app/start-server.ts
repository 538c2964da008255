import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerConfig } from "../config/env";
import { ensureOvsDaemons, dbSocket } from "../host/ovs-daemons";
import { ensureDockerDaemon, dockerClient } from "../host/docker-daemon";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { LabService } from "../lab/lab-service";
import { loadTemplate } from "../lab/templates";
import { ApiRouter } from "../api/api-router";
import { addLabRoutes } from "../api/lab-routes";
import { addSnapshotRoutes } from "../api/snapshot-routes";
import { addCaptureRoutes } from "../api/capture-routes";
import { addExperimentRoutes } from "../api/experiment-routes";
import { SnapshotStore } from "../snapshots/snapshot-store";
import { attachSocketServer } from "../realtime/socket-server";
import type { HostContext } from "../host/host-context";

export interface RunningServer {
  url: string;
  lab: LabService;
  close: () => Promise<void>;
}

type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

async function nextHandler(config: ServerConfig): Promise<RequestHandler | null> {
  if (config.apiOnly) return null;
  const next = (await import("next")).default;
  const app = next({ dev: config.dev, dir: config.projectRoot });
  await app.prepare();
  return app.getRequestHandler();
}

/** Daemons checked, lab watched, API + socket.io (+ Next unless apiOnly) on one HTTP server. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  await ensureOvsDaemons(config);
  await ensureDockerDaemon(config);
  const ctx: HostContext = { config, docker: dockerClient(), ovsdb: await OvsdbClient.connect(dbSocket(config)) };
  const lab = new LabService(ctx, config.labId);
  await lab.start();
  if (config.bootTemplate) {
    const spec = await loadTemplate(config.projectRoot, config.bootTemplate);
    console.log(`[ovs-lab] bringing up lab "${spec.id}" from labs/${config.bootTemplate}.yaml`);
    await lab.up(spec);
  }
  const router = new ApiRouter();
  addLabRoutes(router, ctx, lab);
  const snapshots = await SnapshotStore.open(config);
  addSnapshotRoutes(router, ctx, lab, snapshots);
  addCaptureRoutes(router, ctx, lab);
  addExperimentRoutes(router, ctx, lab, snapshots);
  const next = await nextHandler(config);

  const server = http.createServer((req, res) => {
    void router.handle(req, res).then((handled) => {
      if (handled) return;
      if (next) return next(req, res);
      res.writeHead(404, { "content-type": "text/plain" }).end("ovs-lab runs with --api-only: no UI here\n");
    });
  });
  attachSocketServer(server, ctx, lab);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`port ${config.port} is in use; set PORT to another port or stop what listens there`) : err),
    );
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    lab,
    close: async () => {
      lab.stop();
      ctx.ovsdb.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await snapshots.close();
    },
  };
}
