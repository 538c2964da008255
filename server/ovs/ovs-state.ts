import type { OvsdbClient } from "./ovsdb-client";
import { ovsMap, ovsOptional, ovsSet, ovsUuids } from "./ovsdb-values";

export interface OvsInterfaceRow {
  name: string;
  type: string;
  ofport: number | null;
  linkState: string | null;
  error: string | null;
  options: Record<string, string>;
  status: Record<string, string>;
  statistics: Record<string, string>;
}

export interface OvsBridgeRow {
  name: string;
  datapathType: string;
  externalIds: Record<string, string>;
  ports: { name: string; tag: number | null; trunks: number[]; interfaces: OvsInterfaceRow[] }[];
}

export interface OvsSwitchRow {
  ovsVersion: string | null;
  dpdkVersion: string | null;
  dpdkInitialized: boolean;
  datapathTypes: string[];
  interfaceTypes: string[];
  otherConfig: Record<string, string>;
}

export const MONITORED_COLUMNS = {
  Bridge: ["name", "datapath_type", "ports", "external_ids"],
  Port: ["name", "interfaces", "tag", "trunks"],
  Interface: ["name", "type", "ofport", "link_state", "error", "options", "status"],
  Open_vSwitch: ["ovs_version", "dpdk_version", "dpdk_initialized", "datapath_types", "iface_types", "other_config"],
};

function toInterface(row: Record<string, unknown>): OvsInterfaceRow {
  return {
    name: String(row.name),
    type: String(row.type || "system"),
    ofport: ovsOptional<number>(row.ofport),
    linkState: ovsOptional<string>(row.link_state),
    error: ovsOptional<string>(row.error),
    options: ovsMap(row.options),
    status: ovsMap(row.status),
    statistics: ovsMap(row.statistics),
  };
}

export async function readBridges(db: OvsdbClient): Promise<OvsBridgeRow[]> {
  const [bridges, ports, interfaces] = await Promise.all([
    db.selectAll("Bridge", MONITORED_COLUMNS.Bridge),
    db.selectAll("Port", MONITORED_COLUMNS.Port),
    db.selectAll("Interface", [...MONITORED_COLUMNS.Interface, "statistics"]),
  ]);
  const uuidOf = (row: Record<string, unknown>) => (row._uuid as [string, string])[1];
  const ifaceByUuid = new Map(interfaces.map((r) => [uuidOf(r), toInterface(r)]));
  const portByUuid = new Map(
    ports.map((r) => [
      uuidOf(r),
      {
        name: String(r.name),
        tag: ovsOptional<number>(r.tag),
        trunks: ovsSet(r.trunks).map(Number).sort((a, z) => a - z),
        interfaces: ovsUuids(r.interfaces).flatMap((u) => ifaceByUuid.get(u) ?? []),
      },
    ]),
  );
  return bridges.map((b) => ({
    name: String(b.name),
    datapathType: String(b.datapath_type || "system"),
    externalIds: ovsMap(b.external_ids),
    ports: ovsUuids(b.ports)
      .flatMap((u) => portByUuid.get(u) ?? [])
      .sort((a, z) => a.name.localeCompare(z.name)),
  }));
}

export async function readSwitch(db: OvsdbClient): Promise<OvsSwitchRow> {
  const [row] = await db.selectAll("Open_vSwitch", MONITORED_COLUMNS.Open_vSwitch);
  if (!row) throw new Error("OVSDB has no Open_vSwitch row; run `ovs-vsctl --no-wait init`");
  return {
    ovsVersion: ovsOptional<string>(row.ovs_version),
    dpdkVersion: ovsOptional<string>(row.dpdk_version),
    dpdkInitialized: row.dpdk_initialized === true,
    datapathTypes: ovsSet(row.datapath_types).map(String),
    interfaceTypes: ovsSet(row.iface_types).map(String),
    otherConfig: ovsMap(row.other_config),
  };
}
