/** `10.77.211.5/24` -> `10.77.211.0/24`: the network a host's underlay address is in. */
export function networkOf(cidr: string): string {
  const [ip, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  const value = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (value & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join(".")}/${prefix}`;
}
