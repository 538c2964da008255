/** An IPv4 network as the inclusive range of addresses it covers, with its canonical name. */
export interface Ipv4Range {
  first: number;
  last: number;
  /** The network in CIDR form, e.g. 192.168.1.0/24. */
  cidr: string;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function toNumber(ip: string): number | null {
  const parts = ip.split(".");
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) return null;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

const toDotted = (n: number) => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

/**
 * The network of `a.b.c.d/len` (or of a bare address, as a /32), or null when it is not IPv4.
 * Plain arithmetic, not bit operators: those are signed 32-bit in JavaScript.
 */
export function ipv4Range(cidrOrAddress: string): Ipv4Range | null {
  const [ip, len = "32", extra] = cidrOrAddress.split("/");
  const prefix = Number(len);
  const address = toNumber(ip);
  if (address === null || extra !== undefined || !/^\d{1,2}$/.test(len) || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  return { first, last: first + size - 1, cidr: `${toDotted(first)}/${prefix}` };
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
