import { access, mkdir, writeFile } from "node:fs/promises";
import { runCommand } from "../run-command/run-command";
import { livePid } from "../host/pid-file";
import { waitUntil } from "../host/wait-until";
import { netnsOfName } from "../netns/ip-links";
import { hostFiles } from "./host-names";
import { DPDK_VSWITCHD } from "../host/ovs-daemons";
import { PMD_IDLE_MAXSLEEP_US } from "../../lib/contracts/host-facts";
import { reserveHugepages } from "./host-hugepages";

/** Each DPDK host's EAL memory (MB, in 2 MiB hugepages): enough for a few af_packet ports. */
const DPDK_HOST_SOCKET_MEM_MB = 128;

const SCHEMA = "/usr/share/openvswitch/vswitch.ovsschema";

/** One simulated host's daemons: where they live and which namespace they run in. */
export interface HostDaemonPlace {
  netnsName: string;
  runDir: string;
  /** The DPDK build of ovs-vswitchd, with its own EAL file prefix (this name) and hugepages. */
  dpdkPrefix?: string;
  /** The host's OVSDB over TCP (`tcp:IP:6640`) once it listens there; absent: its unix socket. */
  ovsdbRemote?: string;
}

/**
 * OVS's run directory for a host's ovs-vswitchd and ovn-controller: the switch makes each bridge's
 * OpenFlow socket there (<dir>/br_int.mgmt) and ovn-controller connects to it there. Every host's
 * integration bridge is br_int: in the shared default (/var/run/openvswitch) the last switch to
 * start took the socket, and a host's ovn-controller could program another host's switch.
 */
const ownRunDir = (place: Pick<HostDaemonPlace, "runDir">) => ({ OVS_RUNDIR: place.runDir });

/** Where ovs-lab reaches the host's OVSDB: over TCP when it listens there, else its unix socket. */
export const hostOvsdbRemote = (place: Pick<HostDaemonPlace, "runDir" | "ovsdbRemote">) => place.ovsdbRemote ?? `unix:${hostFiles(place.runDir).dbSock}`;

/** `ovs-vsctl` on the host's own database. */
export function hostVsctl(place: Pick<HostDaemonPlace, "runDir" | "ovsdbRemote">, args: readonly string[], timeoutMs = 20_000) {
  return runCommand("ovs-vsctl", [`--db=${hostOvsdbRemote(place)}`, `--timeout=${Math.ceil(timeoutMs / 1000)}`, ...args], { timeoutMs: timeoutMs + 2000 });
}

/**
 * The host's ovsdb-server listens on TCP at its underlay address as well (a runtime remote, like
 * `--remote=ptcp:6640:IP`), and ovs-lab uses that from now on, as it would a real host's. A simulated
 * host's own network is made by its switch (br-phy holds the address), so that much goes over the
 * local socket first.
 */
export async function listenOvsdbTcp(place: HostDaemonPlace, address: string, port: number): Promise<HostDaemonPlace> {
  const f = hostFiles(place.runDir);
  const remote = `ptcp:${port}:${address}`;
  const listed = await runCommand("ovs-appctl", ["-t", f.ovsdbCtl, "ovsdb-server/list-remotes"], { timeoutMs: 10_000 });
  if (!listed.stdout.split("\n").includes(remote)) await runCommand("ovs-appctl", ["-t", f.ovsdbCtl, "ovsdb-server/add-remote", remote], { timeoutMs: 10_000 });
  const tcp = { ...place, ovsdbRemote: `tcp:${address}:${port}` };
  const answers = await waitUntil(() => hostVsctl(tcp, ["--no-wait", "show"], 2000).then(() => true, () => false), 10_000, 200);
  if (!answers) throw new Error(`the OVSDB of ${place.netnsName} does not answer at ${tcp.ovsdbRemote}: is this machine's management address on the underlay up? see ${f.log("ovsdb-server")}`);
  await writeFile(f.ovsdbRemote, `${tcp.ovsdbRemote}\n`);
  return tcp;
}

/** `ovs-appctl` to the host's ovs-vswitchd (its own control socket). */
export function hostAppctl(place: Pick<HostDaemonPlace, "runDir">, args: readonly string[]) {
  return runCommand("ovs-appctl", ["-t", hostFiles(place.runDir).vswitchdCtl, ...args], { timeoutMs: 10_000 });
}

async function ensureOvsdb(place: HostDaemonPlace): Promise<void> {
  const f = hostFiles(place.runDir);
  if ((await livePid(f.ovsdbPid)) !== null) return;
  if (!(await access(f.db).then(() => true, () => false))) await runCommand("ovsdb-tool", ["create", f.db, SCHEMA]);
  await runCommand("ovsdb-server", [f.db, `--remote=punix:${f.dbSock}`, `--pidfile=${f.ovsdbPid}`, `--unixctl=${f.ovsdbCtl}`, `--log-file=${f.log("ovsdb-server")}`, "--detach"], {
    netns: netnsOfName(place.netnsName),
  });
  await hostVsctl(place, ["--no-wait", "init"]);
}

/**
 * A second DPDK process beside the main switch: its own EAL file prefix (hugepage files, runtime dir),
 * no PCI scan, a small socket memory, and the PMD's nap (a third busy thread on a small machine otherwise).
 * OVS 3.1 always passes --in-memory, which EAL refuses with --no-huge: the hugepages must exist.
 */
async function prepareDpdk(place: HostDaemonPlace, prefix: string): Promise<void> {
  await reserveHugepages(DPDK_HOST_SOCKET_MEM_MB);
  await hostVsctl(place, [
    "--no-wait", "set", "Open_vSwitch", ".",
    "other_config:dpdk-init=true",
    `other_config:dpdk-socket-mem=${DPDK_HOST_SOCKET_MEM_MB}`,
    `other_config:dpdk-extra=--file-prefix=${prefix} --no-pci`,
    `other_config:pmd-maxsleep=${PMD_IDLE_MAXSLEEP_US}`,
  ]);
}

async function ensureVswitchd(place: HostDaemonPlace): Promise<void> {
  const f = hostFiles(place.runDir);
  if ((await livePid(f.vswitchdPid)) !== null) return;
  if (place.dpdkPrefix) await prepareDpdk(place, place.dpdkPrefix);
  const args = [`unix:${f.dbSock}`, `--pidfile=${f.vswitchdPid}`, `--unixctl=${f.vswitchdCtl}`, `--log-file=${f.log("ovs-vswitchd")}`, "--detach"];
  const netns = netnsOfName(place.netnsName);
  // The plain build unless the host is a DPDK host; nsenter runs the DPDK build by its fixed path (an
  // executable override would replace nsenter itself).
  const env = ownRunDir(place);
  if (place.dpdkPrefix) await runCommand("nsenter", [`--net=${netns}`, "--", DPDK_VSWITCHD, ...args], { timeoutMs: 60_000, env });
  else await runCommand("ovs-vswitchd", args, { netns, timeoutMs: 60_000, env });
  if (!(await waitUntil(() => hostAppctl(place, ["version"]).then(() => true, () => false), 20_000)))
    throw new Error(`ovs-vswitchd of ${place.netnsName} did not answer; see ${f.log("ovs-vswitchd")}`);
}

/** ovsdb-server and ovs-vswitchd of one host, inside its namespace, each started only if not running. */
export async function ensureHostOvs(place: HostDaemonPlace): Promise<void> {
  await mkdir(place.runDir, { recursive: true });
  await ensureOvsdb(place);
  await ensureVswitchd(place);
}

/**
 * The host's ovn-controller, inside its namespace. It has no --unixctl option: its control socket
 * is ovn-controller.<pid>.ctl in OVN's run directory, unique by pid, so several hosts share it.
 */
export async function ensureOvnController(place: HostDaemonPlace): Promise<void> {
  const f = hostFiles(place.runDir);
  if ((await livePid(f.controllerPid)) !== null) return;
  await runCommand("ovn-controller", [`unix:${f.dbSock}`, `--pidfile=${f.controllerPid}`, `--log-file=${f.log("ovn-controller")}`, "--detach"], {
    netns: netnsOfName(place.netnsName),
    timeoutMs: 30_000,
    env: ownRunDir(place),
  });
}

/** Stops the host's daemons (ovn-controller first), by their pid files; a daemon not running is fine. */
export async function stopHostDaemons(runDir: string): Promise<void> {
  const f = hostFiles(runDir);
  for (const pidFile of [f.controllerPid, f.vswitchdPid, f.ovsdbPid]) {
    const pid = await livePid(pidFile);
    if (pid === null) continue;
    process.kill(pid, "SIGTERM");
    if (!(await waitUntil(async () => (await livePid(pidFile)) === null, 5000))) process.kill(pid, "SIGKILL");
  }
}
