import type Docker from "dockerode";
import type { ServerConfig } from "../config/env";
import type { OvsdbClient } from "../ovs/ovsdb-client";

/** The live handles every lab operation needs. */
export interface HostContext {
  config: ServerConfig;
  docker: Docker;
  ovsdb: OvsdbClient;
}
