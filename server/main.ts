import http from "node:http";
import { loadConfig } from "./config/env";
import { ensureOvsDaemons, dbSocket } from "./host/ovs-daemons";
import { ensureDockerDaemon, dockerClient } from "./host/docker-daemon";
import { OvsdbClient } from "./ovs/ovsdb-client";
import { LabService } from "./lab/lab-service";
import { loadTemplate } from "./lab/templates";
import { ApiRouter } from "./api/api-router";
import { addLabRoutes } from "./api/lab-routes";
import { attachSocketServer } from "./realtime/socket-server";
import type { HostContext } from "./lab/host-context";

async function main(): Promise<void> {
  const config = loadConfig();
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

  let nextHandler: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | null = null;
  if (!config.apiOnly) {
    const next = (await import("next")).default;
    const app = next({ dev: config.dev, dir: config.projectRoot });
    await app.prepare();
    nextHandler = app.getRequestHandler();
  }

  const server = http.createServer((req, res) => {
    void router.handle(req, res).then((handled) => {
      if (handled) return;
      if (nextHandler) return nextHandler(req, res);
      res.writeHead(404, { "content-type": "text/plain" }).end("ovs-lab runs with --api-only: no UI here\n");
    });
  });
  attachSocketServer(server, ctx, lab);
  server.listen(config.port, config.host, () => {
    console.log(`[ovs-lab] serving lab "${lab.labId}" on http://localhost:${config.port}${config.apiOnly ? " (API only)" : ""}`);
  });

  const shutdown = () => {
    lab.stop();
    ctx.ovsdb.close();
    server.close();
    setTimeout(() => process.exit(0), 300).unref();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  console.error(`[ovs-lab] cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
