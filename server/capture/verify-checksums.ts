import type { ChecksumCheck } from "../../lib/contracts/capture";
import { checksumWithZeroField, pseudoHeaderSum } from "./inet-checksum";
import { IP_PROTO, type DecodedIpv4 } from "./parse-frame";

const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

/** The IPv4 header checksum: correct or incorrect, with the value it should be. */
export function verifyIpv4Header(bytes: Uint8Array, ip: DecodedIpv4): ChecksumCheck {
  const value = u16(bytes, ip.offset + 10);
  const expected = checksumWithZeroField(bytes, ip.offset, ip.offset + ip.headerLength, ip.offset + 10);
  return { verdict: value === expected ? "correct" : "incorrect", value, expected };
}

/** Where each protocol keeps its checksum, from the start of its header. */
const FIELD_OFFSET: Record<number, number> = { [IP_PROTO.tcp]: 16, [IP_PROTO.udp]: 6, [IP_PROTO.icmp]: 2 };

/**
 * The TCP, UDP or ICMP checksum (TCP and UDP with the IPv4 pseudo-header).
 * "partial" when the field holds exactly the folded pseudo-header sum: what Linux
 * writes for CHECKSUM_PARTIAL (TX offload) and expects the device to finish.
 */
export function verifyL4(bytes: Uint8Array, ip: DecodedIpv4): ChecksumCheck | null {
  const fieldOffset = FIELD_OFFSET[ip.protocol];
  if (fieldOffset === undefined) return null;
  const field = ip.l4Offset + fieldOffset;
  const end = ip.l4Offset + ip.l4Length;
  if (bytes.length < field + 2) return null;
  const value = u16(bytes, field);
  if (ip.fragment || bytes.length < end) return { verdict: "unverifiable", value, expected: null };
  if (ip.protocol === IP_PROTO.udp && value === 0) return { verdict: "absent", value, expected: null };
  const withPseudo = ip.protocol !== IP_PROTO.icmp;
  const pseudo = withPseudo ? pseudoHeaderSum(bytes, ip.offset, ip.protocol, ip.l4Length) : 0;
  let expected = checksumWithZeroField(bytes, ip.l4Offset, end, field, pseudo);
  // UDP sends a computed 0 as 0xffff (RFC 768).
  if (ip.protocol === IP_PROTO.udp && expected === 0) expected = 0xffff;
  if (value === expected) return { verdict: "correct", value, expected };
  if (withPseudo && value === pseudo) return { verdict: "partial", value, expected };
  return { verdict: "incorrect", value, expected };
}
