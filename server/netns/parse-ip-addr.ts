import type { InterfaceCounters } from "../../lib/contracts/topology";

export interface IpLink {
  ifindex: number;
  ifname: string;
  /** For a veth: the peer's ifindex (in the namespace named by linkNetnsid when set). */
  linkIndex: number | null;
  linkNetnsid: number | null;
  kind: string;
  mac: string | null;
  mtu: number | null;
  up: boolean;
  ipv4: string[];
  counters: InterfaceCounters | null;
  /** The link's ifalias (ovs-lab writes one on the relays of impaired links); absent when unset. */
  alias?: string;
}

interface RawLink {
  ifindex: number;
  ifname: string;
  link_index?: number;
  link_netnsid?: number;
  flags?: string[];
  mtu?: number;
  address?: string;
  linkinfo?: { info_kind?: string };
  link_type?: string;
  addr_info?: { family: string; local: string; prefixlen: number }[];
  stats64?: { rx: Record<string, number>; tx: Record<string, number> };
  ifalias?: string;
}

/** Parses `ip -json -s -d addr show`. */
export function parseIpAddr(json: string): IpLink[] {
  const raw = JSON.parse(json || "[]") as RawLink[];
  return raw.map((l) => ({
    ifindex: l.ifindex,
    ifname: l.ifname,
    linkIndex: l.link_index ?? null,
    linkNetnsid: l.link_netnsid ?? null,
    kind: l.linkinfo?.info_kind ?? (l.link_type === "loopback" ? "loopback" : "device"),
    mac: l.address ?? null,
    mtu: l.mtu ?? null,
    up: (l.flags ?? []).includes("UP"),
    ipv4: (l.addr_info ?? []).filter((a) => a.family === "inet").map((a) => `${a.local}/${a.prefixlen}`),
    ...(l.ifalias ? { alias: l.ifalias } : {}),
    counters: l.stats64
      ? {
          rxPackets: l.stats64.rx.packets ?? 0,
          txPackets: l.stats64.tx.packets ?? 0,
          rxDropped: l.stats64.rx.dropped ?? 0,
          txDropped: l.stats64.tx.dropped ?? 0,
          rxErrors: l.stats64.rx.errors ?? 0,
          txErrors: l.stats64.tx.errors ?? 0,
        }
      : null,
  }));
}
