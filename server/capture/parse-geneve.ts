import type { DecodedIpv4 } from "./parse-frame";

/** Geneve's IANA port (RFC 8926), the one OVN uses. */
export const GENEVE_PORT = 6081;
/** Protocol type of an Ethernet frame inside (Transparent Ethernet Bridging). */
const ETHERNET_BRIDGING = 0x6558;
const UDP_HEADER = 8;
const GENEVE_HEADER = 8;

export interface DecodedGeneve {
  vni: number;
  optionsLength: number;
  /** The inner Ethernet frame's bytes (a view into the outer packet), null when the payload is not Ethernet. */
  inner: Uint8Array | null;
}

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

/** The Geneve header of an outer UDP packet to port 6081; null when it is not Geneve or is cut short. */
export function parseGeneve(bytes: Uint8Array, ip: DecodedIpv4): DecodedGeneve | null {
  if (ip.udp?.dstPort !== GENEVE_PORT || ip.fragment) return null;
  const start = ip.l4Offset + UDP_HEADER;
  const end = Math.min(bytes.length, ip.l4Offset + ip.l4Length);
  if (end < start + GENEVE_HEADER || bytes[start] >> 6 !== 0) return null;
  const optionsLength = (bytes[start] & 0x3f) * 4;
  const vni = (bytes[start + 4] << 16) | (bytes[start + 5] << 8) | bytes[start + 6];
  const payload = start + GENEVE_HEADER + optionsLength;
  if (payload > end) return null;
  const inner = u16(bytes, start + 2) === ETHERNET_BRIDGING ? bytes.subarray(payload, end) : null;
  return { vni, optionsLength, inner };
}
