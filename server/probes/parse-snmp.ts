/** The counters of one namespace's /proc/net/snmp that a matrix run reads as evidence. */
export interface SnmpCounters {
  tcp: { inCsumErrors: number; outSegs: number; retransSegs: number };
  udp: { inCsumErrors: number; outDatagrams: number };
}

/**
 * /proc/net/snmp holds, per protocol, a line of names and a line of values
 * (`Tcp: RtoAlgorithm ... InCsumErrors` then `Tcp: 1 200 ...`). Returns null when
 * a line or a field is missing (a kernel too old to count checksum errors).
 */
export function parseSnmp(text: string): SnmpCounters | null {
  // Only the Tcp and Udp lines are split: an agent reads this file every millisecond or so during a run.
  const tcp = fieldsOf(text, "Tcp:");
  const udp = fieldsOf(text, "Udp:");
  if (!tcp || !udp) return null;
  const values = [tcp.get("InCsumErrors"), tcp.get("OutSegs"), tcp.get("RetransSegs"), udp.get("InCsumErrors"), udp.get("OutDatagrams")];
  if (values.some((v) => v === undefined || !Number.isFinite(v))) return null;
  const [tcpCsum, outSegs, retrans, udpCsum, outDatagrams] = values as number[];
  return { tcp: { inCsumErrors: tcpCsum, outSegs, retransSegs: retrans }, udp: { inCsumErrors: udpCsum, outDatagrams } };
}

/** Field positions by names line: the names never change on a running kernel, so each is split once. */
const positions = new Map<string, Map<string, number>>();

/** The names line and the values line that start with `prefix` (at the start of a line), as a lookup. */
function fieldsOf(text: string, prefix: string): { get: (name: string) => number | undefined } | null {
  const first = text.startsWith(prefix) ? 0 : text.indexOf(`\n${prefix}`) + 1;
  if (first <= 0 && !text.startsWith(prefix)) return null;
  const namesEnd = text.indexOf("\n", first);
  if (namesEnd < 0 || !text.startsWith(prefix, namesEnd + 1)) return null;
  const valuesEnd = text.indexOf("\n", namesEnd + 1);
  const namesLine = text.slice(first, namesEnd);
  let at = positions.get(namesLine);
  if (!at) {
    at = new Map(namesLine.slice(prefix.length).trim().split(/\s+/).map((n, i) => [n, i]));
    if (positions.size < 64) positions.set(namesLine, at);
  }
  const values = text.slice(namesEnd + 1 + prefix.length, valuesEnd < 0 ? undefined : valuesEnd).trim().split(" ");
  const index = at;
  return { get: (name) => (index.has(name) ? Number(values[index.get(name)!]) : undefined) };
}

/** Packets of that protocol the namespace sent (TCP retransmissions included). */
export function sentCount(c: SnmpCounters, protocol: "tcp" | "udp"): number {
  return protocol === "tcp" ? c.tcp.outSegs + c.tcp.retransSegs : c.udp.outDatagrams;
}
