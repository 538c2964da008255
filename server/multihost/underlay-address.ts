/** `10.77.211.5/24` -> `10.77.211.0/24`: the network a host's underlay address is in. */
export function networkOf(cidr: string): string {
  const [ip, prefixText] = cidr.split("/");
  const prefix = Number(prefixText);
  const value = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const net = (value & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (net >>> s) & 255).join(".")}/${prefix}`;
}

const toNumber = (ip: string) => ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
const toIp = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join(".");

/**
 * The address this machine takes on a lab's underlay to reach its hosts over TCP (their OVSDB) and
 * to serve them OVN's southbound database: the highest address of the underlay network that no host
 * uses, with the network's prefix (`10.77.211.254/24`).
 */
export function managementAddress(hostUnderlays: readonly string[]): string {
  const [first] = hostUnderlays;
  const prefix = Number(first.split("/")[1]);
  const network = toNumber(networkOf(first).split("/")[0]);
  const broadcast = network + 2 ** (32 - prefix) - 1;
  const used = new Set(hostUnderlays.map((u) => toNumber(u.split("/")[0])));
  for (let n = broadcast - 1; n > network; n--) if (!used.has(n)) return `${toIp(n)}/${prefix}`;
  throw new Error(`the underlay ${networkOf(first)} has no address left for this machine: use a larger prefix`);
}
