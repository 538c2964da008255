import type { ArpInfo, IcmpInfo, TcpInfo } from "../../lib/contracts/capture";

/** The layers of one Ethernet frame that ovs-lab reads; offsets point into `bytes`. */
export interface DecodedFrame {
  bytes: Uint8Array;
  srcMac: string;
  dstMac: string;
  etherType: number;
  arp?: ArpInfo;
  ip?: DecodedIpv4;
}

export interface DecodedIpv4 {
  offset: number;
  headerLength: number;
  totalLength: number;
  protocol: number;
  src: string;
  dst: string;
  dontFragment: boolean;
  /** More-fragments set or a non-zero offset: the L4 checksum covers bytes we do not have. */
  fragment: boolean;
  /** Where the L4 header starts, and how many L4 bytes the IP header announces. */
  l4Offset: number;
  l4Length: number;
  tcp?: TcpInfo;
  udp?: { srcPort: number; dstPort: number };
  icmp?: IcmpInfo;
}

export const IP_PROTO = { icmp: 1, tcp: 6, udp: 17 } as const;
const TCP_FLAGS: [number, string][] = [[0x02, "SYN"], [0x01, "FIN"], [0x04, "RST"], [0x08, "PSH"], [0x10, "ACK"], [0x20, "URG"]];

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];
const u32 = (b: Uint8Array, o: number) => (u16(b, o) * 0x10000 + u16(b, o + 2));
const mac = (b: Uint8Array, o: number) => Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, "0")).join(":");
const ipv4 = (b: Uint8Array, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

/** Ethernet (with one optional 802.1Q tag), then ARP or IPv4 and TCP/UDP/ICMP; null when too short to be Ethernet. */
export function parseFrame(bytes: Uint8Array): DecodedFrame | null {
  if (bytes.length < 14) return null;
  let offset = 12;
  let etherType = u16(bytes, offset);
  if (etherType === 0x8100 && bytes.length >= 18) {
    offset += 4;
    etherType = u16(bytes, offset);
  }
  const frame: DecodedFrame = { bytes, dstMac: mac(bytes, 0), srcMac: mac(bytes, 6), etherType };
  if (etherType === 0x0806) frame.arp = parseArp(bytes, offset + 2) ?? undefined;
  if (etherType === 0x0800) frame.ip = parseIpv4(bytes, offset + 2) ?? undefined;
  return frame;
}

function parseArp(b: Uint8Array, o: number): ArpInfo | null {
  if (b.length < o + 28 || u16(b, o) !== 1 || u16(b, o + 2) !== 0x0800) return null;
  const op = u16(b, o + 6);
  return { op: op === 1 ? "request" : op === 2 ? "reply" : "other", senderMac: mac(b, o + 8), senderIp: ipv4(b, o + 14), targetIp: ipv4(b, o + 24) };
}

export function parseIpv4(b: Uint8Array, o: number): DecodedIpv4 | null {
  if (b.length < o + 20 || b[o] >> 4 !== 4) return null;
  const headerLength = (b[o] & 0x0f) * 4;
  if (headerLength < 20 || b.length < o + headerLength) return null;
  const totalLength = u16(b, o + 2);
  const flagsFrag = u16(b, o + 6);
  const ip: DecodedIpv4 = {
    offset: o,
    headerLength,
    totalLength,
    protocol: b[o + 9],
    src: ipv4(b, o + 12),
    dst: ipv4(b, o + 16),
    dontFragment: (flagsFrag & 0x4000) !== 0,
    fragment: (flagsFrag & 0x2000) !== 0 || (flagsFrag & 0x1fff) !== 0,
    l4Offset: o + headerLength,
    l4Length: Math.max(0, totalLength - headerLength),
  };
  if ((flagsFrag & 0x1fff) !== 0) return ip;
  const l4 = ip.l4Offset;
  if (ip.protocol === IP_PROTO.tcp && b.length >= l4 + 20) {
    const dataOffset = (b[l4 + 12] >> 4) * 4;
    ip.tcp = {
      srcPort: u16(b, l4),
      dstPort: u16(b, l4 + 2),
      seq: u32(b, l4 + 4),
      ack: u32(b, l4 + 8),
      flags: TCP_FLAGS.filter(([bit]) => b[l4 + 13] & bit).map(([, name]) => name),
      payloadLength: Math.max(0, ip.l4Length - dataOffset),
    };
  } else if (ip.protocol === IP_PROTO.udp && b.length >= l4 + 8) {
    ip.udp = { srcPort: u16(b, l4), dstPort: u16(b, l4 + 2) };
  } else if (ip.protocol === IP_PROTO.icmp && b.length >= l4 + 8) {
    ip.icmp = parseIcmp(b, l4);
  }
  return ip;
}

function parseIcmp(b: Uint8Array, o: number): IcmpInfo {
  const icmp: IcmpInfo = { type: b[o], code: b[o + 1] };
  // Errors quote the offending IP header and the first 8 bytes after it.
  if ([3, 4, 5, 11, 12].includes(icmp.type)) {
    if (icmp.type === 3 && icmp.code === 4) icmp.nextHopMtu = u16(b, o + 6);
    const inner = parseQuoted(b, o + 8);
    if (inner) icmp.quoted = inner;
  }
  return icmp;
}

function parseQuoted(b: Uint8Array, o: number): IcmpInfo["quoted"] | null {
  if (b.length < o + 20 || b[o] >> 4 !== 4) return null;
  const hl = (b[o] & 0x0f) * 4;
  const protocol = b[o + 9];
  const hasPorts = (protocol === IP_PROTO.tcp || protocol === IP_PROTO.udp) && b.length >= o + hl + 4;
  return {
    protocol,
    src: ipv4(b, o + 12),
    dst: ipv4(b, o + 16),
    srcPort: hasPorts ? u16(b, o + hl) : null,
    dstPort: hasPorts ? u16(b, o + hl + 2) : null,
  };
}
