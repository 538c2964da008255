import path from "node:path";
import type Docker from "dockerode";
import type { DaemonName } from "../../lib/contracts/daemon-health";
import type { ServerConfig } from "../config/env";
import type { OvsdbClient } from "../ovs/ovsdb-client";
import { vswitchdControl, vswitchdPidFile } from "../ovs/ovs-target";
import { unixctlCall } from "../ovs/unixctl";
import { DaemonHealth, type DaemonHealthOptions, type DaemonProbe } from "./daemon-health";
import { livePid } from "./pid-file";

export interface HealthDeps {
  config: ServerConfig;
  ovsdb: OvsdbClient;
  docker: Docker;
}

const PROBE_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Cheap looks, none of which spawns a program: the OVSDB connection, vswitchd's control socket, Docker's ping. */
export function daemonProbes({ config, ovsdb, docker }: HealthDeps): Record<DaemonName, DaemonProbe> {
  return {
    "ovsdb-server": async () => {
      const outage = ovsdb.outage;
      if (outage) return `not answering at ${config.ovsdbSocket} (${outage.reason})`;
      return ovsdb.request("list_dbs", [], PROBE_TIMEOUT_MS).then(() => null, (err) => why(err));
    },
    "ovs-vswitchd": async () => {
      if (!config.vswitchdCtl && (await livePid(vswitchdPidFile(config))) === null) return `not running (no live process in ${vswitchdPidFile(config)})`;
      const ctl = await vswitchdControl(config);
      return unixctlCall(ctl, "version", [], PROBE_TIMEOUT_MS).then(() => null, (err) => `not answering on ${ctl} (${why(err)})`);
    },
    dockerd: () => withTimeout(docker.ping(), `dockerd at ${config.dockerSocket}`).then(() => null, (err) => `not answering at ${config.dockerSocket} (${why(err)})`),
  };
}

/** The OVSDB client tells health at once when its connection drops or comes back. */
export const ovsdbFeed = (ovsdb: OvsdbClient) => (health: DaemonHealth) => {
  const lost = (err: Error) => health.report("ovsdb-server", false, err.message);
  const back = () => health.report("ovsdb-server", true);
  ovsdb.on("disconnected", lost);
  ovsdb.on("reconnected", back);
  return () => {
    ovsdb.off("disconnected", lost);
    ovsdb.off("reconnected", back);
  };
};

/** Health for this server's daemons, probing every config.healthIntervalMs once start() is called. */
export function createDaemonHealth(deps: HealthDeps, options: Partial<DaemonHealthOptions> = {}): DaemonHealth {
  const { config } = deps;
  return new DaemonHealth({
    probes: daemonProbes(deps),
    endpoints: {
      "ovsdb-server": config.ovsdbSocket,
      "ovs-vswitchd": config.vswitchdCtl ?? path.join(config.ovsRunDir, "ovs-vswitchd.<pid>.ctl"),
      dockerd: config.dockerSocket,
    },
    intervalMs: config.healthIntervalMs,
    feeds: [ovsdbFeed(deps.ovsdb)],
    pids: {
      "ovsdb-server": () => livePid(path.join(config.ovsRunDir, "ovsdb-server.pid")),
      "ovs-vswitchd": () => livePid(vswitchdPidFile(config)),
      dockerd: () => livePid(config.dockerExecRoot ? path.join(config.dockerExecRoot, "dockerd.pid") : "/var/run/docker.pid"),
    },
    ...options,
  });
}
