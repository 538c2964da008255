import type Docker from "dockerode";
import type { ServerConfig } from "../config/env";
import type { OvsdbClient } from "../ovs/ovsdb-client";
import type { DaemonHealth } from "./daemon-health";

/** The live handles every lab operation needs. */
export interface HostContext {
  config: ServerConfig;
  docker: Docker;
  ovsdb: OvsdbClient;
  /** The server's daemon health (server/host/daemon-probes.ts createDaemonHealth); a lab without one makes its own. */
  health?: DaemonHealth;
}
