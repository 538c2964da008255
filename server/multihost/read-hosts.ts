import { access, readdir } from "node:fs/promises";
import path from "node:path";
import type { LabHost } from "../../lib/contracts/topology";
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

/** One host as its own OVSDB says: chassis and encap address, br_int's tunnels and endpoint ports. */
async function readHost(labId: string, name: string): Promise<HostRead | null> {
  const sock = hostFiles(hostNames.runDir(labId, name)).dbSock;
  if (!(await access(sock).then(() => true, () => false))) return null;
  const db = await OvsdbClient.connect(sock, 2000, { reconnect: false }).catch(() => null);
  if (!db) return null;
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
  // Every lab's chassis share OVN's southbound database, so ovn-controller also makes tunnels to other
  // labs' hosts: a lab's tunnels are those to its own hosts.
  const own = new Set(reads.map((r) => r.host.underlay));
  return reads.map((r) => ({ ...r, host: { ...r.host, tunnels: r.host.tunnels.filter((t) => own.has(t.remote)) } }));
}
