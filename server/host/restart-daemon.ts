import type { DaemonHealthSnapshot, DaemonName } from "../../lib/contracts/daemon-health";
import type { ServerConfig } from "../config/env";
import type { DaemonHealth } from "./daemon-health";
import { ensureDockerDaemon } from "./docker-daemon";
import { ensureOvsDaemons } from "./ovs-daemons";

const starting = new Map<string, Promise<void>>();

/**
 * Starts a daemon again as `npm run up` does (ovsdb-server and ovs-vswitchd together, as their pair),
 * then has health look at it at once. Two presses of "start it again" share one start.
 */
export async function startDaemonAgain(config: ServerConfig, daemon: DaemonName, health?: DaemonHealth): Promise<DaemonHealthSnapshot | null> {
  const key = daemon === "dockerd" ? `dockerd@${config.dockerSocket}` : `ovs@${config.ovsdbSocket}`;
  let job = starting.get(key);
  if (!job) {
    job = (daemon === "dockerd" ? ensureDockerDaemon(config) : ensureOvsDaemons(config)).finally(() => starting.delete(key));
    starting.set(key, job);
  }
  await job;
  return health ? health.check() : null;
}
