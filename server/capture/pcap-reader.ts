/** A pure reader for classic pcap (libpcap) files and streams, as `tcpdump -w -` writes them. */

export interface PcapHeader {
  littleEndian: boolean;
  /** true when timestamps carry nanoseconds (magic a1b23c4d), false for microseconds. */
  nanos: boolean;
  snaplen: number;
  linkType: number;
}

export interface PcapRecord {
  /** Seconds since the epoch, with fraction. */
  time: number;
  /** Bytes on the wire; `data` may be shorter when the snap length cut it. */
  origLength: number;
  data: Uint8Array;
}

export const LINKTYPE_ETHERNET = 1;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;
const MAX_RECORD = 256 * 1024;

export function parsePcapHeader(buf: Uint8Array): PcapHeader {
  if (buf.length < GLOBAL_HEADER) throw new Error(`a pcap header is ${GLOBAL_HEADER} bytes; got ${buf.length}`);
  const view = new DataView(buf.buffer, buf.byteOffset, GLOBAL_HEADER);
  const magicBE = view.getUint32(0, false);
  const known: Record<number, Omit<PcapHeader, "snaplen" | "linkType">> = {
    0xa1b2c3d4: { littleEndian: false, nanos: false },
    0xd4c3b2a1: { littleEndian: true, nanos: false },
    0xa1b23c4d: { littleEndian: false, nanos: true },
    0x4d3cb2a1: { littleEndian: true, nanos: true },
  };
  const kind = known[magicBE];
  if (!kind) throw new Error(`not a pcap file (magic 0x${magicBE.toString(16)}); pcapng is not read here`);
  return { ...kind, snaplen: view.getUint32(16, kind.littleEndian), linkType: view.getUint32(20, kind.littleEndian) };
}

/**
 * Feeds chunks as they arrive and gets back every record completed so far.
 * Keeps only the unread tail, so memory stays bounded by one record.
 */
export class PcapStreamReader {
  header: PcapHeader | null = null;
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): PcapRecord[] {
    this.pending = this.pending.length ? concat(this.pending, chunk) : chunk;
    let offset = 0;
    if (!this.header) {
      if (this.pending.length < GLOBAL_HEADER) return [];
      this.header = parsePcapHeader(this.pending);
      offset = GLOBAL_HEADER;
    }
    const { littleEndian: le, nanos } = this.header;
    const records: PcapRecord[] = [];
    while (this.pending.length - offset >= RECORD_HEADER) {
      const view = new DataView(this.pending.buffer, this.pending.byteOffset + offset, RECORD_HEADER);
      const capLength = view.getUint32(8, le);
      if (capLength > MAX_RECORD) throw new Error(`pcap record of ${capLength} bytes is larger than ${MAX_RECORD}: corrupt stream`);
      if (this.pending.length - offset < RECORD_HEADER + capLength) break;
      const fraction = view.getUint32(4, le) / (nanos ? 1e9 : 1e6);
      const start = offset + RECORD_HEADER;
      records.push({ time: view.getUint32(0, le) + fraction, origLength: view.getUint32(12, le), data: this.pending.slice(start, start + capLength) });
      offset = start + capLength;
    }
    this.pending = this.pending.slice(offset);
    return records;
  }
}

/** Every record of a whole pcap file. */
export function readPcap(buf: Uint8Array): { header: PcapHeader; records: PcapRecord[] } {
  const reader = new PcapStreamReader();
  const records = reader.push(buf);
  return { header: reader.header!, records };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
