/** The Internet checksum (RFC 1071), in pieces so the pseudo-header sum can be compared on its own. */

/** Adds 16-bit big-endian words of `bytes[start, end)` to `sum`, without folding. */
export function sumWords(bytes: Uint8Array, start: number, end: number, sum = 0): number {
  let i = start;
  for (; i + 1 < end; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) sum += bytes[i] << 8;
  return sum;
}

export function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** The checksum of a region with its checksum field counted as zero. */
export function checksumWithZeroField(bytes: Uint8Array, start: number, end: number, fieldOffset: number, initial = 0): number {
  // The field sits an even number of bytes from the start in IPv4, TCP, UDP and ICMP headers.
  const sum = sumWords(bytes, fieldOffset + 2, end, sumWords(bytes, start, fieldOffset, initial));
  return ~fold(sum) & 0xffff;
}

/** The IPv4 pseudo-header sum (addresses, protocol, length), folded, not complemented. */
export function pseudoHeaderSum(bytes: Uint8Array, ipOffset: number, protocol: number, l4Length: number): number {
  const sum = sumWords(bytes, ipOffset + 12, ipOffset + 20) + protocol + l4Length;
  return fold(sum);
}
