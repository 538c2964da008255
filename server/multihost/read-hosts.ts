import { access, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { HOST_DAEMON_NAMES, type HostDaemonName, type LabHost } from "../../lib/contracts/topology";
import { livePid } from "../host/pid-file";
import { MULTI_HOST_BRIDGE } from "../../lib/lab-spec/schema";
import { labNames } from "../../lib/lab-spec/names";
import { OvsdbClient } from "../ovs/ovsdb-client";
import { readBridges, type OvsBridgeRow } from "../ovs/ovs-state";
import { ovsMap } from "../ovs/ovsdb-values";
import { hostFiles, hostNames, LAB_RUN_ROOT } from "./host-names";


/** A host as its OVSDB says, with its br_int's row (discovery makes the Bridge from it and the host's links). */
export interface HostRead {
  host: LabHost;
  brInt: OvsBridgeRow | null;
}

/** Which of the host's daemons run, from their pid files (no process is spawned). */
export async function hostDaemons(runDir: string): Promise<Record<HostDaemonName, boolean>> {
  const f = hostFiles(runDir);
  const pidFiles: Record<HostDaemonName, string> = { "ovsdb-server": f.ovsdbPid, "ovs-vswitchd": f.vswitchdPid, "ovn-controller": f.controllerPid };
  const running = await Promise.all(HOST_DAEMON_NAMES.map(async (d) => (await livePid(pidFiles[d])) !== null));
  return Object.fromEntries(HOST_DAEMON_NAMES.map((d, i) => [d, running[i]])) as Record<HostDaemonName, boolean>;
}

/**
 * One host as its own OVSDB says: chassis and encap address, br_int's tunnels and endpoint ports, and
 * its daemons. A host whose database does not answer is still listed, with what is down.
 */
async function readHost(labId: string, name: string): Promise<HostRead | null> {
  const runDir = hostNames.runDir(labId, name);
  const files = hostFiles(runDir);
  const daemons = await hostDaemons(runDir);
  // A host reached over TCP is read there, as a real host's OVSDB would be.
  const tcp = (await readFile(files.ovsdbRemote, "utf8").catch(() => "")).trim();
  const remote = tcp || `unix:${files.dbSock}`;
  const unread: HostRead = { host: { name, underlay: "", chassis: "", tunnels: [], endpoints: [], bridge: null, ovsdb: remote, daemons }, brInt: null };
  if (!tcp && !(await access(files.dbSock).then(() => true, () => false))) return unread;
  const db = await OvsdbClient.connect(remote, 2000, { reconnect: false }).catch(() => null);
  if (!db) return unread;
  try {
    const [bridges, [row]] = await Promise.all([readBridges(db), db.selectAll("Open_vSwitch", ["external_ids"])]);
    const ids = ovsMap(row?.external_ids);
    const brInt = bridges.find((b) => b.name === MULTI_HOST_BRIDGE.name);
    const ports = brInt?.ports ?? [];
    const endpointPrefix = labNames.hostVeth(labId, "");
    const host: LabHost = {
      name,
      underlay: ids["ovn-encap-ip"] ?? "",
      chassis: ids["system-id"] ?? "",
      tunnels: ports.flatMap((p) => {
        const iface = p.interfaces[0];
        return iface?.type === "geneve" ? [{ remote: iface.options.remote_ip ?? "", kind: "geneve" as const, port: p.name }] : [];
      }),
      // A veth's host end is named <lab>-<endpoint>; a DPDK port sits on such an end (its devargs' iface=).
      endpoints: ports
        .map((p) => (p.interfaces[0]?.type === "dpdk" ? (/(?:^|,)iface=([^,]+)/.exec(p.interfaces[0].options["dpdk-devargs"] ?? "")?.[1] ?? "") : p.name))
        .filter((name) => name.startsWith(endpointPrefix))
        .map((name) => name.slice(endpointPrefix.length))
        .sort(),
      ovsdb: remote,
      daemons,
    };
    return { host, brInt: brInt ?? null };
  } finally {
    db.close();
  }
}

/** A multi-host lab's hosts on this machine, or undefined for a lab on one host (none found). */
export async function readLabHosts(labId: string): Promise<HostRead[] | undefined> {
  // Run directories only (no process): every discovery of every lab asks.
  const names = (await readdir(path.join(LAB_RUN_ROOT, labId)).catch(() => [] as string[])).sort();
  if (!names.length) return undefined;
  const reads = (await Promise.all(names.map((n) => readHost(labId, n).catch(() => null)))).filter((h): h is HostRead => h !== null);
  // A lab's tunnels are those to its own hosts (each lab's chassis are in a transport zone of their own;
  // a switch once programmed by another lab's controller had tunnels to that lab's hosts).
  const own = new Set(reads.map((r) => r.host.underlay));
  return reads.map((r) => ({ ...r, host: { ...r.host, tunnels: r.host.tunnels.filter((t) => own.has(t.remote)) } }));
}

/**
 * The lab's hosts' daemons in one line ("a:ovsdb-server+ovs-vswitchd+ovn-controller b:…"), from pid
 * files only: what a watcher compares to tell that one started or stopped. Empty for a lab on one host.
 */
export async function hostDaemonsKey(labId: string): Promise<string> {
  const names = (await readdir(path.join(LAB_RUN_ROOT, labId)).catch(() => [] as string[])).sort();
  const states = await Promise.all(names.map(async (n) => Object.entries(await hostDaemons(hostNames.runDir(labId, n))).filter(([, up]) => up).map(([d]) => d).join("+")));
  return names.map((n, i) => `${n}:${states[i]}`).join(" ");
}
