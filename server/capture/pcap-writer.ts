import type { PcapRecord } from "./pcap-reader";
import { LINKTYPE_ETHERNET } from "./pcap-reader";

/** A classic little-endian microsecond pcap file, as Wireshark opens it. */
export function writePcap(records: PcapRecord[], snaplen = 262_144, linkType = LINKTYPE_ETHERNET): Uint8Array {
  const size = 24 + records.reduce((n, r) => n + 16 + r.data.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, snaplen, true);
  view.setUint32(20, linkType, true);
  let offset = 24;
  for (const r of records) {
    const seconds = Math.floor(r.time);
    view.setUint32(offset, seconds, true);
    view.setUint32(offset + 4, Math.round((r.time - seconds) * 1e6) % 1_000_000, true);
    view.setUint32(offset + 8, r.data.length, true);
    view.setUint32(offset + 12, r.origLength, true);
    out.set(r.data, offset + 16);
    offset += 16 + r.data.length;
  }
  return out;
}
