/**
 * `ovs-appctl dpif/show`: every bridge's ports with their OpenFlow and datapath numbers, and the
 * peer of each patch port. ofproto/trace names datapath ports by number; this names them.
 */
export interface DpifPort {
  bridge: string;
  name: string;
  ofport: number | null;
  /** null for a patch port: it has no datapath port of its own. */
  odpPort: number | null;
  type: string;
  /** A patch port's peer port. */
  peer: string | null;
}

const BRIDGE = /^ {2}(\S+):$/;
const PORT = /^ {4}(\S+) (\d+|none)\/(\d+|none): \((\w+)(?::\s*(.*))?\)$/;

const num = (s: string) => (s === "none" ? null : Number(s));

export function parseDpifShow(text: string): DpifPort[] {
  const ports: DpifPort[] = [];
  let bridge: string | null = null;
  for (const line of text.split("\n")) {
    const b = BRIDGE.exec(line);
    if (b) {
      bridge = b[1];
      continue;
    }
    const p = PORT.exec(line);
    if (!p || !bridge) continue;
    const peer = p[4] === "patch" ? /peer=([^,\s)]+)/.exec(p[5] ?? "")?.[1] ?? null : null;
    ports.push({ bridge, name: p[1], ofport: num(p[2]), odpPort: num(p[3]), type: p[4], peer });
  }
  return ports;
}
