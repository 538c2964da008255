import type { CapturedPacket, GeneveInfo, InnerPacket, PacketProtocol } from "../../lib/contracts/capture";
import { IP_PROTO, parseFrame, type DecodedFrame } from "./parse-frame";
import { verifyIpv4Header, verifyL4 } from "./verify-checksums";
import type { PcapRecord } from "./pcap-reader";
import { parseGeneve } from "./parse-geneve";

const PROTOCOL_NAMES: Record<number, PacketProtocol> = { [IP_PROTO.tcp]: "tcp", [IP_PROTO.udp]: "udp", [IP_PROTO.icmp]: "icmp" };
const ICMP_NAMES: Record<string, string> = {
  "0": "echo reply",
  "8": "echo request",
  "3": "destination unreachable",
  "3/1": "host unreachable",
  "3/3": "port unreachable",
  "3/4": "fragmentation needed",
  "11": "time exceeded",
};

/** `SYN`, `SYN/ACK`, `PSH/ACK`, `RST/ACK`: flags in the order people say them. */
export function tcpFlagsText(flags: string[]): string {
  return flags.join("/") || "-";
}

function summaryOf(frame: DecodedFrame): string {
  const ip = frame.ip;
  if (frame.arp) {
    const a = frame.arp;
    return a.op === "request" ? `ARP who-has ${a.targetIp} tell ${a.senderIp}` : `ARP ${a.senderIp} is-at ${a.senderMac}`;
  }
  if (!ip) return `ethertype 0x${frame.etherType.toString(16).padStart(4, "0")}`;
  if (ip.tcp) return `${tcpFlagsText(ip.tcp.flags)} ${ip.tcp.srcPort} > ${ip.tcp.dstPort}${ip.tcp.payloadLength ? ` len ${ip.tcp.payloadLength}` : ""}`;
  if (ip.udp) return `UDP ${ip.udp.srcPort} > ${ip.udp.dstPort} len ${Math.max(0, ip.l4Length - 8)}`;
  if (ip.icmp) {
    const { type, code, nextHopMtu } = ip.icmp;
    const name = ICMP_NAMES[`${type}/${code}`] ?? ICMP_NAMES[String(type)] ?? `type ${type} code ${code}`;
    return `ICMP ${name}${nextHopMtu ? ` (mtu ${nextHopMtu})` : ""}`;
  }
  return `IPv4 protocol ${ip.protocol}`;
}

/** The inner frame of a Geneve packet, decoded and checked like an outer one. */
export function describeInner(bytes: Uint8Array): InnerPacket | null {
  const frame = parseFrame(bytes);
  if (!frame) return null;
  const ip = frame.ip;
  const base = { srcMac: frame.srcMac, dstMac: frame.dstMac, summary: summaryOf(frame) };
  if (frame.arp) return { ...base, src: frame.arp.senderIp, dst: frame.arp.targetIp, protocol: "arp", arp: frame.arp, ipChecksum: null, l4Checksum: null };
  if (!ip) return { ...base, src: frame.srcMac, dst: frame.dstMac, protocol: "other", ipChecksum: null, l4Checksum: null };
  return {
    ...base,
    src: ip.src,
    dst: ip.dst,
    protocol: PROTOCOL_NAMES[ip.protocol] ?? "ipv4",
    ...(ip.tcp ? { tcp: ip.tcp } : {}),
    ...(ip.udp ? { udp: ip.udp } : {}),
    ...(ip.icmp ? { icmp: ip.icmp } : {}),
    ipChecksum: verifyIpv4Header(bytes, ip),
    l4Checksum: verifyL4(bytes, ip),
  };
}

const INNER_PROTOCOL_WORDS: Partial<Record<PacketProtocol, string>> = { tcp: "TCP", udp: "UDP", icmp: "ICMP" };

/** `Geneve vni 3: 10.0.0.8 > 10.0.0.9 SYN 53094 > 5001, inner TCP checksum partial: offload pending`. */
function geneveSummary(geneve: GeneveInfo): string {
  const inner = geneve.inner;
  if (!inner) return `Geneve vni ${geneve.vni}: not Ethernet inside`;
  const sum = inner.l4Checksum;
  const words = INNER_PROTOCOL_WORDS[inner.protocol];
  const verdict = !sum || !words ? "" : `, inner ${words} checksum ${sum.verdict === "partial" ? "partial: offload pending" : sum.verdict}`;
  return `Geneve vni ${geneve.vni}: ${inner.src} > ${inner.dst} ${inner.summary}${verdict}`;
}

/** One captured frame as the API shows it: addresses, protocol, flags and both checksum verdicts. */
export function describePacket(record: PcapRecord, streamId: string, index: number): CapturedPacket {
  const frame = parseFrame(record.data);
  const ip = frame?.ip;
  const base = {
    streamId,
    index,
    time: record.time,
    length: record.origLength,
    srcMac: frame?.srcMac ?? "",
    dstMac: frame?.dstMac ?? "",
    ipLength: ip?.totalLength ?? null,
    dontFragment: ip?.dontFragment ?? false,
    summary: frame ? summaryOf(frame) : "runt frame",
  };
  if (frame?.arp) return { ...base, src: frame.arp.senderIp, dst: frame.arp.targetIp, protocol: "arp", arp: frame.arp, ipChecksum: null, l4Checksum: null };
  if (!ip) return { ...base, src: base.srcMac, dst: base.dstMac, protocol: "other", ipChecksum: null, l4Checksum: null };
  const tunnel = parseGeneve(record.data, ip);
  const geneve: GeneveInfo | null = tunnel && { vni: tunnel.vni, optionsLength: tunnel.optionsLength, inner: tunnel.inner && describeInner(tunnel.inner) };
  return {
    ...base,
    ...(geneve ? { summary: geneveSummary(geneve), geneve } : {}),
    src: ip.src,
    dst: ip.dst,
    protocol: PROTOCOL_NAMES[ip.protocol] ?? "ipv4",
    ...(ip.tcp ? { tcp: ip.tcp } : {}),
    ...(ip.udp ? { udp: ip.udp } : {}),
    ...(ip.icmp ? { icmp: ip.icmp } : {}),
    ipChecksum: verifyIpv4Header(record.data, ip),
    l4Checksum: verifyL4(record.data, ip),
  };
}
