import { useSpawnWorker } from "../run-command/run-command";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ServerConfig } from "../config/env";
import { ensureOvsDaemons, dbSocket } from "../host/ovs-daemons";
import { ensureDockerDaemon, dockerClient } from "../host/docker-daemon";
import type { HostContext } from "../host/host-context";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { createDaemonHealth } from "../host/daemon-probes";
import { forgetHostFacts } from "../host/host-facts-cache";
import { pmdNapsFor } from "../host/pmd-naps";
import { icmpProberProgram, stopSharedIcmpProber } from "../probes/icmp-prober/icmp-prober";
import { socketProberProgram, stopSharedSocketProber } from "../probes/socket-prober/socket-prober";
import type { LabService } from "../lab/lab-service";
import { LabRegistry } from "../lab/lab-registry";
import { ClassRegistry } from "../classroom/class-registry";
import { PresenterBoard } from "../classroom/presenter-board";
import { loadTemplate } from "../lab/templates";
import { ExperimentRegistry } from "../experiment/experiment-runner";
import { SnapshotStore } from "../snapshots/snapshot-store";
import { TerminalRegistry } from "../terminal/terminal-registry";
import { resolveOperatorToken, type OperatorToken } from "../auth/operator-token";
import { hostAllowlist, type HostAllowlist } from "../auth/request-origin";
import type { ServerServices } from "../operations/lab-services";
import { createRequestListener, type PageHandler } from "../transport/http/http-server";
import { attachSocketServer } from "../transport/socket/socket-server";

export interface RunningServer {
  url: string;
  port: number;
  /** The default lab (the single-lab routes' lab). */
  readonly lab: LabService;
  services: ServerServices;
  operatorToken: OperatorToken;
  hosts: HostAllowlist;
  close: (graceMs?: number) => Promise<void>;
}

async function pageHandler(config: ServerConfig): Promise<PageHandler | null> {
  if (config.apiOnly) return null;
  const next = (await import("next")).default;
  const app = next({ dev: config.dev, dir: config.projectRoot });
  await app.prepare();
  return app.getRequestHandler() as PageHandler;
}

/** Daemons checked, lab watched, API + socket.io (+ Next unless apiOnly) on one HTTP server. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const operatorToken = await resolveOperatorToken(config.dataDir, config.operatorToken);
  const stopSpawnWorker = await useSpawnWorker(config.projectRoot);
  // The probers are C programs of this repository, built here (once per source) so that no request waits for
  // the compiler; one that cannot be built says so when first used, and its fallback serves (fping, star rounds).
  await Promise.allSettled([socketProberProgram(), icmpProberProgram()]);
  await ensureOvsDaemons(config);
  await ensureDockerDaemon(config);
  const ctx: HostContext = { config, docker: dockerClient(config), ovsdb: await OvsdbClient.connect(dbSocket(config)) };
  // One watch on ovsdb-server, ovs-vswitchd and dockerd for the whole server: health, banner, repair.
  const health = createDaemonHealth(ctx).start();
  ctx.health = health;
  await health.check();
  health.on("change", () => forgetHostFacts(ctx));
  const labs = new LabRegistry(ctx, config.labId);
  await labs.open(config.labId);
  if (config.bootTemplate) {
    const spec = await loadTemplate(config.projectRoot, config.bootTemplate);
    console.log(`[ovs-lab] bringing up lab "${spec.id}" from labs/${config.bootTemplate}.yaml`);
    await (await labs.setDefault(spec.id)).lab.up(spec);
  }
  const snapshots = await SnapshotStore.open(config);
  const classes = new ClassRegistry(ctx, labs);
  const services: ServerServices = { ctx, labs, snapshots, experiments: new ExperimentRegistry(), classes, presenter: new PresenterBoard(), terminals: new TerminalRegistry(config.terminalMax) };
  const hosts = hostAllowlist(config.allowedHosts);
  const deps = { services, hosts, operatorToken: operatorToken.token };
  const server = http.createServer(createRequestListener({ ...deps, pages: await pageHandler(config) }));
  const io = attachSocketServer(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(err.code === "EADDRINUSE" ? new Error(`port ${config.port} is in use; set PORT to another port or stop what listens there`) : err),
    );
    server.listen(config.port, config.host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get lab() {
      return labs.default.lab;
    },
    services,
    operatorToken,
    hosts,
    /**
     * Graceful stop: no new requests, captures and experiments stopped, runs in flight given a moment
     * to finish, watchers and agents stopped, the database closed. The lab stays up: it is the user's.
     */
    close: async (graceMs = 3000) => {
      server.close();
      services.experiments.cancelAll();
      await services.terminals.closeAll("serverStopping");
      // A class's labs are made for it: they go with it (a server stopped ends its classes).
      await classes.endAll();
      await labs.settle(graceMs);
      labs.stopAll();
      await pmdNapsFor(config).release();
      await stopSharedIcmpProber();
      await stopSharedSocketProber();
      health.stop();
      // io.close waits for the HTTP server, which waits for every connection: a request still being
      // answered on a loaded machine gets a moment, then it is cut (the stop must not hang on it).
      const ioClosed = new Promise((r) => io.close(() => r(undefined)));
      await Promise.race([ioClosed, new Promise((r) => setTimeout(r, 1000).unref())]);
      server.closeAllConnections();
      ctx.ovsdb.close();
      await snapshots.close();
      stopSpawnWorker();
    },
  };
}
