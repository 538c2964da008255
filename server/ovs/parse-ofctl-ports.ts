/** `ovs-ofctl dump-ports`: packet, drop and error counts per OpenFlow port ("LOCAL" for the bridge's own). */
export interface PortStats {
  /** The OpenFlow port number, or "LOCAL". */
  port: string;
  rxPackets: number;
  txPackets: number;
  rxDropped: number;
  txDropped: number;
  rxErrors: number;
  txErrors: number;
}

const HEAD = /^\s*port\s+(\S+?):\s*rx pkts=(\d+|\?), bytes=\S+, drop=(\d+|\?), errs=(\d+|\?)/;
const TX = /^\s*tx pkts=(\d+|\?), bytes=\S+, drop=(\d+|\?), errs=(\d+|\?)/;

const n = (s: string) => (s === "?" ? 0 : Number(s));

export function parseOfctlPorts(text: string): PortStats[] {
  const out: PortStats[] = [];
  for (const line of text.split("\n")) {
    const h = HEAD.exec(line);
    if (h) {
      // With --names a port is named, quoted when the name has characters such as "-" ("zq-c1").
      out.push({ port: h[1].replace(/^"(.*)"$/, "$1"), rxPackets: n(h[2]), rxDropped: n(h[3]), rxErrors: n(h[4]), txPackets: 0, txDropped: 0, txErrors: 0 });
      continue;
    }
    const t = TX.exec(line);
    const last = out.at(-1);
    if (t && last) Object.assign(last, { txPackets: n(t[1]), txDropped: n(t[2]), txErrors: n(t[3]) });
  }
  return out;
}
