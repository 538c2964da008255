import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { runCommand, type RunResult } from "../run-command/run-command";
import { livePid } from "../host/pid-file";
import { waitUntil } from "../host/wait-until";

/**
 * OVN's central part in the root namespace: the northbound and southbound databases (two
 * ovsdb-servers) and ovn-northd, at Debian's default places, so `ovn-nbctl show` and `ovn-sbctl show`
 * work by hand and an OVN started by ovn-ctl is reused as it is. Started as ovn-ctl would, without
 * its shell script: every program runs through run-command.
 */
const RUN_DIR = "/var/run/ovn";
const DB_DIR = "/var/lib/ovn";
const LOG_DIR = "/var/log/ovn";
const SCHEMA_DIR = "/usr/share/ovn";

export const OVN_NB_SOCKET = path.join(RUN_DIR, "ovnnb_db.sock");
export const OVN_SB_SOCKET = path.join(RUN_DIR, "ovnsb_db.sock");
/** What a host's ovn-controller connects to (a unix socket works from inside a namespace). */
export const OVN_SB_REMOTE = `unix:${OVN_SB_SOCKET}`;

const databases = [
  { name: "ovnnb_db", schema: "ovn-nb.ovsschema", socket: OVN_NB_SOCKET, ctl: "ovnnb_db.ctl" },
  { name: "ovnsb_db", schema: "ovn-sb.ovsschema", socket: OVN_SB_SOCKET, ctl: "ovnsb_db.ctl" },
] as const;

export function ovnNbctl(args: readonly string[], timeoutMs = 20_000): Promise<RunResult> {
  return runCommand("ovn-nbctl", [`--db=unix:${OVN_NB_SOCKET}`, `--timeout=${Math.ceil(timeoutMs / 1000)}`, ...args], { timeoutMs: timeoutMs + 2000 });
}

export function ovnSbctl(args: readonly string[], timeoutMs = 20_000): Promise<RunResult> {
  return runCommand("ovn-sbctl", [`--db=unix:${OVN_SB_SOCKET}`, `--timeout=${Math.ceil(timeoutMs / 1000)}`, ...args], { timeoutMs: timeoutMs + 2000 });
}

const answers = (db: (typeof databases)[number]) =>
  (db.name === "ovnnb_db" ? ovnNbctl : ovnSbctl)(["--no-leader-only", "get-connection"], 3000).then(() => true, () => false);

async function ensureDatabase(db: (typeof databases)[number]): Promise<void> {
  if ((await livePid(path.join(RUN_DIR, `${db.name}.pid`))) !== null && (await answers(db))) return;
  const file = path.join(DB_DIR, `${db.name.replace("_db", "")}_db.db`);
  if (!(await access(file).then(() => true, () => false))) await runCommand("ovsdb-tool", ["create", file, path.join(SCHEMA_DIR, db.schema)]);
  await runCommand("ovsdb-server", [
    file,
    `--remote=punix:${db.socket}`,
    `--pidfile=${path.join(RUN_DIR, `${db.name}.pid`)}`,
    `--unixctl=${path.join(RUN_DIR, db.ctl)}`,
    `--log-file=${path.join(LOG_DIR, `ovsdb-server-${db.name === "ovnnb_db" ? "nb" : "sb"}.log`)}`,
    "--detach",
  ]);
  if (!(await waitUntil(() => answers(db), 10_000))) throw new Error(`OVN's ${db.name} started but ${db.socket} does not answer; see ${LOG_DIR}`);
}

async function ensureNorthd(): Promise<void> {
  const pidFile = path.join(RUN_DIR, "ovn-northd.pid");
  if ((await livePid(pidFile)) !== null) return;
  await runCommand("ovn-northd", [
    `--ovnnb-db=unix:${OVN_NB_SOCKET}`,
    `--ovnsb-db=unix:${OVN_SB_SOCKET}`,
    `--pidfile=${pidFile}`,
    `--log-file=${path.join(LOG_DIR, "ovn-northd.log")}`,
    "--detach",
  ]);
  if (!(await waitUntil(async () => (await livePid(pidFile)) !== null, 10_000))) throw new Error(`ovn-northd did not start; see ${LOG_DIR}/ovn-northd.log`);
}

const NORTHD = "/usr/bin/ovn-northd";
export const ovnInstalled = () => access(NORTHD).then(() => true, () => false);

/** NB and SB databases and ovn-northd, each started only if it is not running. Idempotent. */
export async function ensureOvnCentral(): Promise<void> {
  if (!(await ovnInstalled())) throw new Error("OVN is not installed: apt-get install ovn-central ovn-host (scripts/install-deps.sh does)");
  await Promise.all([RUN_DIR, DB_DIR, LOG_DIR].map((d) => mkdir(d, { recursive: true })));
  for (const db of databases) await ensureDatabase(db);
  await ovnNbctl(["--no-wait", "init"]);
  await ovnSbctl(["init"]);
  await ensureNorthd();
}

const SB_CTL = path.join(RUN_DIR, "ovnsb_db.ctl");

/** The SB database also listens at this passive remote (`ptcp:6642:IP`): a lab's hosts reach it over TCP. */
export async function addSbRemote(remote: string): Promise<void> {
  const { stdout } = await runCommand("ovs-appctl", ["-t", SB_CTL, "ovsdb-server/list-remotes"], { timeoutMs: 10_000 });
  if (!stdout.split("\n").includes(remote)) await runCommand("ovs-appctl", ["-t", SB_CTL, "ovsdb-server/add-remote", remote], { timeoutMs: 10_000 });
}

export async function removeSbRemote(remote: string): Promise<void> {
  await runCommand("ovs-appctl", ["-t", SB_CTL, "ovsdb-server/remove-remote", remote], { timeoutMs: 10_000, okExitCodes: [2] });
}
