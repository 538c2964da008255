/**
 * A UDP datagram sent with TX checksum offload on leaves with its checksum field holding only the
 * pseudo-header sum (CHECKSUM_PARTIAL). For one source port in 65,536 that unfinished field happens
 * to be the right checksum, the receiver accepts it and the probe "works" despite the fault. Probes
 * avoid that coincidence so that a cell shows the path, not the luck of an ephemeral port (verified on
 * the seed lab: c1 -> c2 with offload on, the one port computed here got its echo; the next port did not).
 */

function sum16(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

const addressWords = (ipv4: string) => {
  const [a, b, c, d] = ipv4.split(".").map(Number);
  return ((a << 8) | b) + ((c << 8) | d);
};

/**
 * Whether a UDP datagram whose checksum field holds the folded pseudo-header sum (what Linux writes
 * for CHECKSUM_PARTIAL) passes the receiver's check: the ones'-complement sum of pseudo-header, header
 * and payload must be 0xffff. The reply of an echo (addresses and ports swapped) has the same sum.
 */
export function unfinishedUdpChecksumPasses(source: string, target: string, sourcePort: number, targetPort: number, payload: Uint8Array): boolean {
  const length = 8 + payload.length;
  const pseudo = fold(addressWords(source) + addressWords(target) + 17 + length);
  const total = fold(2 * pseudo + sourcePort + targetPort + length + sum16(payload));
  return total === 0xffff || total === 0;
}

/** The probe's payload: "ovs-lab", padded with dots where the plain one would pass unfinished. */
export function udpProbePayload(source: string, target: string, sourcePort: number, targetPort: number): Buffer {
  for (let pad = 0; ; pad++) {
    const payload = Buffer.from(`ovs-lab${".".repeat(pad)}`);
    if (!unfinishedUdpChecksumPasses(source, target, sourcePort, targetPort, payload)) return payload;
  }
}
