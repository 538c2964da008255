import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../run-command/run-command";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { readSwitch } from "../ovs/ovs-state";
import { unixctlCall } from "../ovs/unixctl";
import { vsctlDbArg, vswitchdAppctl, vswitchdControl, vswitchdPidFile } from "../ovs/ovs-target";
import { ensureHugepages } from "./hugepages";
import { livePid } from "./pid-file";
import { waitUntil } from "./wait-until";
import type { ServerConfig } from "../config/env";
import { PMD_IDLE_MAXSLEEP_US } from "../../lib/contracts/host-facts";

export const DPDK_VSWITCHD = "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk";
const SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

export const dbSocket = (config: Pick<ServerConfig, "ovsdbSocket">) => config.ovsdbSocket;

async function withDb<T>(config: ServerConfig, fn: (db: OvsdbClient) => Promise<T>, timeoutMs = 3000): Promise<T> {
  const db = await OvsdbClient.connect(config.ovsdbSocket, timeoutMs, { reconnect: false });
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

const ovsdbAnswers = (config: ServerConfig) => withDb(config, (db) => db.request("list_dbs", [], 2000), 1000).then(() => true, () => false);

async function ensureOvsdb(config: ServerConfig): Promise<void> {
  if (await ovsdbAnswers(config)) return;
  await mkdir(config.ovsRunDir, { recursive: true });
  await mkdir(config.ovsLogDir, { recursive: true });
  await mkdir(path.dirname(config.ovsDbPath), { recursive: true });
  if (!(await access(config.ovsDbPath).then(() => true, () => false)))
    await runCommand("ovsdb-tool", ["create", config.ovsDbPath, SCHEMA]);
  await runCommand("ovsdb-server", [
    config.ovsDbPath,
    `--remote=punix:${config.ovsdbSocket}`,
    `--pidfile=${path.join(config.ovsRunDir, "ovsdb-server.pid")}`,
    `--log-file=${path.join(config.ovsLogDir, "ovsdb-server.log")}`,
    "--detach",
  ]);
  if (!(await waitUntil(() => ovsdbAnswers(config), 10_000)))
    throw new Error(`ovsdb-server started but ${config.ovsdbSocket} does not answer; see ${config.ovsLogDir}/ovsdb-server.log`);
  await runCommand("ovs-vsctl", [vsctlDbArg(config), "--no-wait", "init"]);
}

/** ovs-vswitchd answers on its control socket (no ovs-appctl spawned). */
export async function vswitchdAnswers(config: ServerConfig): Promise<boolean> {
  return unixctlCall(await vswitchdControl(config), "version", [], 3000).then(() => true, () => false);
}

async function startVswitchd(config: ServerConfig): Promise<void> {
  const build = config.vswitchdDpdk ? "DPDK build" : "plain build";
  await runCommand("ovs-vswitchd", [
    `unix:${config.ovsdbSocket}`,
    `--pidfile=${vswitchdPidFile(config)}`,
    `--log-file=${path.join(config.ovsLogDir, "ovs-vswitchd.log")}`,
    ...(config.vswitchdCtl ? [`--unixctl=${config.vswitchdCtl}`] : []),
    "--detach",
    // argv0 keeps the control socket named ovs-vswitchd.PID.ctl, so `ovs-appctl -t ovs-vswitchd` finds it.
  ], config.vswitchdDpdk ? { executable: DPDK_VSWITCHD, argv0: "ovs-vswitchd", timeoutMs: 60_000 } : { timeoutMs: 60_000 });
  if (!(await waitUntil(() => vswitchdAnswers(config), 20_000)))
    throw new Error(`ovs-vswitchd (${build}) did not come up; see ${config.ovsLogDir}/ovs-vswitchd.log`);
}

const vswitchdRunning = async (config: ServerConfig) => (await livePid(vswitchdPidFile(config))) !== null && (await vswitchdAnswers(config));

/** DPDK settings in OVSDB, and the running switch restarted if it runs without DPDK. */
async function prepareDpdk(config: ServerConfig): Promise<"running" | "start"> {
  await access(DPDK_VSWITCHD).catch(() => {
    throw new Error(`${DPDK_VSWITCHD} is missing: apt-get install openvswitch-switch-dpdk`);
  });
  await ensureHugepages();
  const version = (await runCommand("ovs-vswitchd", ["--version"], { executable: DPDK_VSWITCHD })).stdout.match(/(\d+\.\d+\.\d+)/)?.[1];
  await runCommand("ovs-vsctl", [
    vsctlDbArg(config),
    "--no-wait", "set", "Open_vSwitch", ".",
    "other_config:dpdk-init=true",
    "other_config:dpdk-socket-mem=256",
    // The PMD thread would otherwise spin a whole core of two (its naps are short only while a run is in progress).
    `other_config:pmd-maxsleep=${PMD_IDLE_MAXSLEEP_US}`,
    ...(version ? [`ovs_version=${version}`] : []),
  ]);
  if (!(await vswitchdRunning(config))) return "start";
  if (await withDb(config, readSwitch).then((s) => s.dpdkInitialized)) return "running";
  await vswitchdAppctl(config, ["exit"], { timeoutMs: 10_000 }).catch(() => undefined);
  await waitUntil(async () => (await livePid(vswitchdPidFile(config))) === null, 10_000);
  return "start";
}

/**
 * ovsdb-server and ovs-vswitchd, started only if they are not already running: the DPDK build
 * (hugepages, dpdk-init) unless config.vswitchdDpdk is false, as for a private pair beside the main one.
 */
export async function ensureOvsDaemons(config: ServerConfig): Promise<void> {
  await ensureOvsdb(config);
  if (!config.vswitchdDpdk) {
    if (!(await vswitchdRunning(config))) await startVswitchd(config);
    return;
  }
  if ((await prepareDpdk(config)) === "running") return;
  await startVswitchd(config);
  const facts = await withDb(config, readSwitch);
  if (!facts.dpdkInitialized)
    throw new Error(`ovs-vswitchd runs but DPDK did not initialise; see ${config.ovsLogDir}/ovs-vswitchd.log (hugepages? librte-mempool-ring23?)`);
}
