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
  const table = new Map<string, Map<string, number>>();
  const pending = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    const [prefix, ...fields] = line.trim().split(/\s+/);
    if (!prefix?.endsWith(":")) continue;
    const names = pending.get(prefix);
    if (!names) {
      pending.set(prefix, fields);
      continue;
    }
    table.set(prefix, new Map(names.map((n, i) => [n, Number(fields[i])])));
    pending.delete(prefix);
  }
  const get = (line: string, field: string) => {
    const v = table.get(line)?.get(field);
    return v === undefined || !Number.isFinite(v) ? null : v;
  };
  const values = [get("Tcp:", "InCsumErrors"), get("Tcp:", "OutSegs"), get("Tcp:", "RetransSegs"), get("Udp:", "InCsumErrors"), get("Udp:", "OutDatagrams")];
  if (values.some((v) => v === null)) return null;
  const [tcpCsum, outSegs, retrans, udpCsum, outDatagrams] = values as number[];
  return { tcp: { inCsumErrors: tcpCsum, outSegs, retransSegs: retrans }, udp: { inCsumErrors: udpCsum, outDatagrams } };
}

/** Packets of that protocol the namespace sent (TCP retransmissions included). */
export function sentCount(c: SnmpCounters, protocol: "tcp" | "udp"): number {
  return protocol === "tcp" ? c.tcp.outSegs + c.tcp.retransSegs : c.udp.outDatagrams;
}
