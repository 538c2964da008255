import path from "node:path";

/** The one place process.env is read. */
export interface ServerConfig {
  port: number;
  host: string;
  dev: boolean;
  /** Serve the API and socket.io without Next (integration tests, benchmarks). */
  apiOnly: boolean;
  labId: string;
  /** Bring this template up on start ("" for none). */
  bootTemplate: string;
  ovsRunDir: string;
  ovsDbPath: string;
  ovsLogDir: string;
  /** ovsdb-server's unix socket (OVSLAB_OVSDB_SOCKET, default <ovsRunDir>/db.sock). */
  ovsdbSocket: string;
  /** ovs-vswitchd's control socket for `ovs-appctl -t` (OVSLAB_VSWITCHD_CTL); null: found from its pid file in ovsRunDir. */
  vswitchdCtl: string | null;
  /** Run the DPDK build of ovs-vswitchd (OVSLAB_VSWITCHD_DPDK=0: the plain build, no hugepages, as for private test daemons). */
  vswitchdDpdk: boolean;
  dockerDataRoot: string | null;
  /** dockerd's unix socket (OVSLAB_DOCKER_SOCKET, else a unix:// DOCKER_HOST, else /var/run/docker.sock). */
  dockerSocket: string;
  /** dockerd's exec root (OVSLAB_DOCKER_EXEC_ROOT) for a second dockerd beside the main one; null: dockerd's default. */
  dockerExecRoot: string | null;
  /** How often the daemon-health probe looks at ovsdb-server, ovs-vswitchd and dockerd (OVSLAB_HEALTH_INTERVAL_MS). */
  healthIntervalMs: number;
  /** Snapshot store limits (OVSLAB_SNAPSHOT_MAX_COUNT, OVSLAB_SNAPSHOT_MAX_BYTES, the sum of stored documents). */
  snapshotMaxCount: number;
  snapshotMaxBytes: number;
  dataDir: string;
  logDir: string;
  projectRoot: string;
  probeTimeoutMs: number;
  /** Where the CLI finds a running server (OVSLAB_URL); null means localhost:PORT, or in-process. */
  serverUrl: string | null;
  /** OVSLAB_TOKEN: the operator token; null means the one kept in the data directory (made on first start). */
  operatorToken: string | null;
  /** OVSLAB_ALLOWED_HOSTS: host names besides this machine's own that the Host header may carry ("*": any). */
  allowedHosts: string[];
  /** OVSLAB_TERMINAL_MAX: how many in-page terminals may be open on this server at once. */
  terminalMax: number;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function dockerSocketOf(env: Record<string, string | undefined>): string {
  if (env.OVSLAB_DOCKER_SOCKET) return env.OVSLAB_DOCKER_SOCKET;
  const host = env.DOCKER_HOST ?? "";
  if (host && !host.startsWith("unix://")) throw new Error(`DOCKER_HOST must be a unix:// socket for ovs-lab, got "${host}"`);
  return host ? host.slice("unix://".length) : "/var/run/docker.sock";
}

export function loadConfig(argv: string[] = process.argv.slice(2), env: Record<string, string | undefined> = process.env): ServerConfig {
  const projectRoot = env.OVSLAB_ROOT ?? process.cwd();
  const ovsRunDir = env.OVS_RUNDIR ?? "/var/run/openvswitch";
  return {
    port: int("PORT", env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    dev: argv.includes("--dev"),
    apiOnly: argv.includes("--api-only") || env.OVSLAB_API_ONLY === "1",
    labId: env.OVSLAB_LAB_ID ?? "seed",
    bootTemplate: env.OVSLAB_BOOT_TEMPLATE ?? "",
    ovsRunDir,
    ovsDbPath: env.OVS_DBPATH ?? "/etc/openvswitch/conf.db",
    ovsLogDir: env.OVS_LOGDIR ?? "/var/log/openvswitch",
    ovsdbSocket: env.OVSLAB_OVSDB_SOCKET || path.join(ovsRunDir, "db.sock"),
    vswitchdCtl: env.OVSLAB_VSWITCHD_CTL || null,
    vswitchdDpdk: env.OVSLAB_VSWITCHD_DPDK !== "0",
    dockerDataRoot: env.OVSLAB_DOCKER_DATA_ROOT || null,
    dockerSocket: dockerSocketOf(env),
    dockerExecRoot: env.OVSLAB_DOCKER_EXEC_ROOT || null,
    healthIntervalMs: int("OVSLAB_HEALTH_INTERVAL_MS", env.OVSLAB_HEALTH_INTERVAL_MS, 2000),
    snapshotMaxCount: int("OVSLAB_SNAPSHOT_MAX_COUNT", env.OVSLAB_SNAPSHOT_MAX_COUNT, 500),
    snapshotMaxBytes: int("OVSLAB_SNAPSHOT_MAX_BYTES", env.OVSLAB_SNAPSHOT_MAX_BYTES, 200 * 1024 * 1024),
    dataDir: path.resolve(projectRoot, env.OVSLAB_DATA_DIR ?? "data"),
    logDir: env.OVSLAB_LOG_DIR ?? "/var/log/ovs-lab",
    projectRoot,
    probeTimeoutMs: int("OVSLAB_PROBE_TIMEOUT_MS", env.OVSLAB_PROBE_TIMEOUT_MS, 200),
    serverUrl: env.OVSLAB_URL || null,
    operatorToken: env.OVSLAB_TOKEN || null,
    terminalMax: int("OVSLAB_TERMINAL_MAX", env.OVSLAB_TERMINAL_MAX, 8),
    allowedHosts: (env.OVSLAB_ALLOWED_HOSTS ?? "").split(",").map((h) => h.trim()).filter(Boolean),
  };
}
