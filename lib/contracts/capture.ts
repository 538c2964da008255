/** Packets, checksum verdicts and capture streams, as the API and the socket send them. */

/** What a capture can be narrowed to. */
export const CAPTURE_PROTOCOLS = ["tcp", "udp", "icmp", "arp"] as const;

export const CHECKSUM_VERDICTS = {
  correct: "correct",
  incorrect: "incorrect",
  /** The field holds only the folded pseudo-header sum: a CHECKSUM_PARTIAL packet nobody finished. */
  partial: "partial",
  /** UDP over IPv4 may carry 0: no checksum was computed. */
  absent: "absent",
  /** The capture cut the packet short, or it is a fragment: the sum cannot be checked. */
  unverifiable: "unverifiable",
} as const;
export type ChecksumVerdictKind = (typeof CHECKSUM_VERDICTS)[keyof typeof CHECKSUM_VERDICTS];

export interface ChecksumCheck {
  verdict: ChecksumVerdictKind;
  /** The value in the packet. */
  value: number;
  /** The value it should be, when it can be computed. */
  expected: number | null;
}

export type PacketProtocol = "tcp" | "udp" | "icmp" | "arp" | "ipv4" | "other";

export interface TcpInfo {
  srcPort: number;
  dstPort: number;
  /** Set flags by name: SYN, ACK, FIN, RST, PSH, URG. */
  flags: string[];
  seq: number;
  ack: number;
  payloadLength: number;
}

export interface IcmpInfo {
  type: number;
  code: number;
  /** For destination-unreachable and friends: the quoted packet's protocol and ports. */
  quoted?: { protocol: number; src: string; dst: string; srcPort: number | null; dstPort: number | null };
  /** For "fragmentation needed" (type 3 code 4): the next hop's MTU. */
  nextHopMtu?: number;
}

export interface ArpInfo {
  op: "request" | "reply" | "other";
  senderIp: string;
  senderMac: string;
  targetIp: string;
}

/** The packet a tunnel carries (Geneve), decoded like an outer one, with its own checksum verdicts. */
export interface InnerPacket {
  srcMac: string;
  dstMac: string;
  src: string;
  dst: string;
  protocol: PacketProtocol;
  /** e.g. `SYN 53094 > 5001`. */
  summary: string;
  tcp?: TcpInfo;
  udp?: { srcPort: number; dstPort: number };
  icmp?: IcmpInfo;
  arp?: ArpInfo;
  ipChecksum: ChecksumCheck | null;
  l4Checksum: ChecksumCheck | null;
}

/** A Geneve packet (UDP 6081): its network id and the Ethernet frame inside. */
export interface GeneveInfo {
  vni: number;
  /** Bytes of Geneve options (OVN puts its port keys there). */
  optionsLength: number;
  inner: InnerPacket | null;
}

export interface CapturedPacket {
  streamId: string;
  index: number;
  /** Seconds since the epoch, with fraction. */
  time: number;
  /** Bytes on the wire. */
  length: number;
  srcMac: string;
  dstMac: string;
  /** IPv4 addresses (or, for ARP, the sender and target addresses). */
  src: string;
  dst: string;
  protocol: PacketProtocol;
  /** IPv4 total length, the size the MTU limits; null for non-IP. */
  ipLength: number | null;
  dontFragment: boolean;
  /** One line for a human, e.g. `SYN/ACK 47007 > 36747`. */
  summary: string;
  tcp?: TcpInfo;
  udp?: { srcPort: number; dstPort: number };
  icmp?: IcmpInfo;
  arp?: ArpInfo;
  ipChecksum: ChecksumCheck | null;
  /** TCP, UDP or ICMP checksum. */
  l4Checksum: ChecksumCheck | null;
  /** Present for Geneve (UDP 6081): the tunnelled packet; `summary` then describes the inner one. */
  geneve?: GeneveInfo;
}

export interface CaptureRequest {
  interfaceId: string;
  durationMs: number;
  maxPackets: number;
  protocol?: "tcp" | "udp" | "icmp" | "arp";
  /** Endpoint names from discovery; their addresses go into the filter. */
  hosts?: string[];
  ports?: number[];
}

export interface CaptureSummary {
  id: string;
  interfaceId: string;
  filter: string;
  startedAt: string;
  finishedAt: string | null;
  packetCount: number;
  /** Why it ended: time, packet count, size, a stop, or an error. */
  endReason: "duration" | "max-packets" | "max-bytes" | "stopped" | "error" | null;
  error?: string;
  /** What this interface cannot show, e.g. a DPDK wire misses what the poll-mode driver sends. */
  caveat?: string;
}

export interface CaptureResult extends CaptureSummary {
  packets: CapturedPacket[];
}
