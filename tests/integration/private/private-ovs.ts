import { mkdir } from "node:fs/promises";
import path from "node:path";
import { pidFromFile, run, stopPid, waitFor } from "./processes";

/** One daemon of a private set: the test may kill it and start it again. */
export interface PrivateDaemon {
  name: string;
  pid(): Promise<number | null>;
  /** SIGKILL by default: as if it crashed. Resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it (again) and resolves once it answers. */
  start(): Promise<void>;
}

const SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

/**
 * ovsdb-server and the plain (not DPDK) ovs-vswitchd with their own database, run dir, pid files,
 * control sockets and logs under `dir`, both inside the network namespace at `netnsPath`.
 */
export async function privateOvs(dir: string, netnsPath: string) {
  const [runDir, logDir, db] = [path.join(dir, "run"), path.join(dir, "log"), path.join(dir, "conf.db")];
  const sock = path.join(runDir, "db.sock");
  const ctl = path.join(runDir, "ovs-vswitchd.ctl");
  const ovsEnv = { ...process.env, OVS_RUNDIR: runDir, OVS_LOGDIR: logDir, OVS_DBDIR: dir };
  const inNetns = (bin: string, args: string[]) => run("nsenter", [`--net=${netnsPath}`, "--", bin, ...args], ovsEnv);
  const pidFile = (name: string) => path.join(runDir, `${name}.pid`);
  await mkdir(runDir, { recursive: true });
  await mkdir(logDir, { recursive: true });
  await run("ovsdb-tool", ["create", db, SCHEMA]);

  const daemon = (name: string, start: () => Promise<void>): PrivateDaemon => ({
    name,
    pid: () => pidFromFile(pidFile(name)),
    kill: async (signal = "SIGKILL") => {
      const pid = await pidFromFile(pidFile(name));
      if (pid) await stopPid(pid, signal);
    },
    start,
  });
  const ovsdb = daemon("ovsdb-server", async () => {
    await inNetns("ovsdb-server", [db, `--remote=punix:${sock}`, `--pidfile=${pidFile("ovsdb-server")}`, `--unixctl=${path.join(runDir, "ovsdb-server.ctl")}`, `--log-file=${path.join(logDir, "ovsdb-server.log")}`, "--detach"]);
    await run("ovs-vsctl", [`--db=unix:${sock}`, "--timeout=10", "--no-wait", "init"], ovsEnv);
  });
  const vswitchd = daemon("ovs-vswitchd", async () => {
    await inNetns("ovs-vswitchd", [`unix:${sock}`, `--pidfile=${pidFile("ovs-vswitchd")}`, `--unixctl=${ctl}`, `--log-file=${path.join(logDir, "ovs-vswitchd.log")}`, "--detach"]);
    await waitFor(() => run("ovs-appctl", ["-t", ctl, "version"], ovsEnv).then(() => true), 20_000, "private ovs-vswitchd did not answer");
  });
  await ovsdb.start();
  await vswitchd.start();
  return {
    ovsdb,
    vswitchd,
    /** What an ovs-lab server needs to drive this pair. */
    env: {
      OVS_RUNDIR: runDir,
      OVS_LOGDIR: logDir,
      OVS_DBPATH: db,
      OVSLAB_OVSDB_SOCKET: sock,
      OVSLAB_VSWITCHD_CTL: ctl,
      OVSLAB_VSWITCHD_DPDK: "0",
    },
    /** Bridges as ovs-vsctl lists them (for assertions and cleanup). */
    vsctl: (args: string[]) => run("ovs-vsctl", [`--db=unix:${sock}`, "--timeout=10", ...args], ovsEnv),
  };
}
