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
  dockerDataRoot: string | null;
  dataDir: string;
  logDir: string;
  projectRoot: string;
  probeTimeoutMs: number;
  /** Where the CLI finds a running server (OVSLAB_URL); null means localhost:PORT, or in-process. */
  serverUrl: string | null;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

export function loadConfig(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const projectRoot = env.OVSLAB_ROOT ?? process.cwd();
  return {
    port: int("PORT", env.PORT, 3000),
    host: env.HOST ?? "0.0.0.0",
    dev: argv.includes("--dev"),
    apiOnly: argv.includes("--api-only") || env.OVSLAB_API_ONLY === "1",
    labId: env.OVSLAB_LAB_ID ?? "seed",
    bootTemplate: env.OVSLAB_BOOT_TEMPLATE ?? "",
    ovsRunDir: env.OVS_RUNDIR ?? "/var/run/openvswitch",
    ovsDbPath: env.OVS_DBPATH ?? "/etc/openvswitch/conf.db",
    ovsLogDir: env.OVS_LOGDIR ?? "/var/log/openvswitch",
    dockerDataRoot: env.OVSLAB_DOCKER_DATA_ROOT || null,
    dataDir: path.resolve(projectRoot, env.OVSLAB_DATA_DIR ?? "data"),
    logDir: env.OVSLAB_LOG_DIR ?? "/var/log/ovs-lab",
    projectRoot,
    probeTimeoutMs: int("OVSLAB_PROBE_TIMEOUT_MS", env.OVSLAB_PROBE_TIMEOUT_MS, 200),
    serverUrl: env.OVSLAB_URL || null,
  };
}
