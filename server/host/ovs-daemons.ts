import { access, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../run-command/run-command";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { readSwitch } from "../ovs/ovs-state";
import { ensureHugepages } from "./hugepages";
import { waitUntil } from "./wait-until";
import type { ServerConfig } from "../config/env";

export const DPDK_VSWITCHD = "/usr/lib/openvswitch-switch-dpdk/ovs-vswitchd-dpdk";
const SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

export const dbSocket = (config: ServerConfig) => path.join(config.ovsRunDir, "db.sock");

async function ovsdbAnswers(config: ServerConfig): Promise<boolean> {
  const db = await OvsdbClient.connect(dbSocket(config), 1000).catch(() => null);
  if (!db) return false;
  try {
    await db.request("list_dbs", [], 2000);
    return true;
  } finally {
    db.close();
  }
}

async function ensureOvsdb(config: ServerConfig): Promise<void> {
  if (await ovsdbAnswers(config)) return;
  await mkdir(config.ovsRunDir, { recursive: true });
  await mkdir(config.ovsLogDir, { recursive: true });
  await mkdir(path.dirname(config.ovsDbPath), { recursive: true });
  if (!(await access(config.ovsDbPath).then(() => true, () => false)))
    await runCommand("ovsdb-tool", ["create", config.ovsDbPath, SCHEMA]);
  await runCommand("ovsdb-server", [
    config.ovsDbPath,
    `--remote=punix:${dbSocket(config)}`,
    `--pidfile=${path.join(config.ovsRunDir, "ovsdb-server.pid")}`,
    `--log-file=${path.join(config.ovsLogDir, "ovsdb-server.log")}`,
    "--detach",
  ]);
  if (!(await waitUntil(() => ovsdbAnswers(config), 10_000)))
    throw new Error(`ovsdb-server started but ${dbSocket(config)} does not answer; see ${config.ovsLogDir}/ovsdb-server.log`);
  await runCommand("ovs-vsctl", [`--db=unix:${dbSocket(config)}`, "--no-wait", "init"]);
}

async function vswitchdPid(config: ServerConfig): Promise<number | null> {
  const text = await readFile(path.join(config.ovsRunDir, "ovs-vswitchd.pid"), "utf8").catch(() => "");
  const pid = Number(text.trim());
  if (!pid) return null;
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat && !/\) Z /.test(stat) ? pid : null;
}

async function vswitchdAnswers(): Promise<boolean> {
  const r = await runCommand("ovs-appctl", ["-t", "ovs-vswitchd", "version"], { timeoutMs: 3000 }).catch(() => null);
  return r !== null;
}

async function withDb<T>(config: ServerConfig, fn: (db: OvsdbClient) => Promise<T>): Promise<T> {
  const db = await OvsdbClient.connect(dbSocket(config));
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

async function startVswitchd(config: ServerConfig): Promise<void> {
  await runCommand("ovs-vswitchd", [
    `unix:${dbSocket(config)}`,
    `--pidfile=${path.join(config.ovsRunDir, "ovs-vswitchd.pid")}`,
    `--log-file=${path.join(config.ovsLogDir, "ovs-vswitchd.log")}`,
    "--detach",
  // argv0 keeps the control socket named ovs-vswitchd.PID.ctl, so `ovs-appctl -t ovs-vswitchd` finds it.
  ], { executable: DPDK_VSWITCHD, argv0: "ovs-vswitchd", timeoutMs: 60_000 });
  if (!(await waitUntil(vswitchdAnswers, 20_000)))
    throw new Error(`ovs-vswitchd (DPDK build) did not come up; see ${config.ovsLogDir}/ovs-vswitchd.log`);
}

/** ovsdb-server and the DPDK build of ovs-vswitchd, started only if they are not already running. */
export async function ensureOvsDaemons(config: ServerConfig): Promise<void> {
  await access(DPDK_VSWITCHD).catch(() => {
    throw new Error(`${DPDK_VSWITCHD} is missing: apt-get install openvswitch-switch-dpdk`);
  });
  await ensureOvsdb(config);
  await ensureHugepages();
  const version = (await runCommand("ovs-vswitchd", ["--version"], { executable: DPDK_VSWITCHD })).stdout.match(/(\d+\.\d+\.\d+)/)?.[1];
  await runCommand("ovs-vsctl", [
    "--no-wait", "set", "Open_vSwitch", ".",
    "other_config:dpdk-init=true",
    "other_config:dpdk-socket-mem=256",
    // The PMD thread would otherwise spin a whole core of two.
    "other_config:pmd-maxsleep=10000",
    ...(version ? [`ovs_version=${version}`] : []),
  ]);
  const running = (await vswitchdPid(config)) !== null && (await vswitchdAnswers());
  if (running) {
    const dpdkUp = await withDb(config, readSwitch).then((s) => s.dpdkInitialized);
    if (dpdkUp) return;
    await runCommand("ovs-appctl", ["-t", "ovs-vswitchd", "exit"], { timeoutMs: 10_000 }).catch(() => undefined);
    await waitUntil(async () => (await vswitchdPid(config)) === null, 10_000);
  }
  await startVswitchd(config);
  const facts = await withDb(config, readSwitch);
  if (!facts.dpdkInitialized)
    throw new Error(`ovs-vswitchd runs but DPDK did not initialise; see ${config.ovsLogDir}/ovs-vswitchd.log (hugepages? librte-mempool-ring23?)`);
}
