import type { CapturedPacket, ChecksumCheck, CaptureSummary } from "../contracts/capture";

/** What a verdict badge says: its kind (for colour and tests) and its words. */
export interface VerdictBadge {
  kind: "correct" | "incorrect" | "partial" | "none";
  label: string;
  /** More for a tooltip, e.g. the value a partial sum should have been. */
  hint?: string;
}

/** One line of the packet list, every column already in words. */
export interface PacketRow {
  key: string;
  /** Seconds since the first packet of the capture, e.g. `+0.012`. */
  time: string;
  src: string;
  dst: string;
  protocol: string;
  flags: string;
  length: number;
  /** The checksum in the packet, e.g. `0x1c46`, or `—`. */
  checksum: string;
  verdict: VerdictBadge;
}

export function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, "0")}`;
}

/** A checksum check in plain words; incorrect says what it should be. */
export function verdictOf(check: ChecksumCheck | null): VerdictBadge {
  if (!check) return { kind: "none", label: "no checksum" };
  switch (check.verdict) {
    case "correct":
      return { kind: "correct", label: "correct" };
    case "incorrect":
      return { kind: "incorrect", label: check.expected === null ? "incorrect" : `incorrect, expected ${hex16(check.expected)}` };
    case "partial":
      return { kind: "partial", label: "partial: offload pending", ...(check.expected === null ? {} : { hint: `only the pseudo-header sum; the full checksum would be ${hex16(check.expected)}` }) };
    case "absent":
      return { kind: "none", label: "none (UDP 0)" };
    case "unverifiable":
      return { kind: "none", label: "cannot check" };
  }
}

/** The verdict that matters most for the row: the TCP/UDP/ICMP sum, unless the IP header's is wrong. */
function rowVerdict(p: CapturedPacket): { check: ChecksumCheck | null; verdict: VerdictBadge } {
  const ip = p.ipChecksum?.verdict === "incorrect" ? p.ipChecksum : null;
  const check = ip ?? p.l4Checksum;
  const verdict = verdictOf(check);
  return { check, verdict: ip ? { ...verdict, label: `IP header ${verdict.label}` } : verdict };
}

function withPort(address: string, port: number | undefined): string {
  return port === undefined ? address : `${address}:${port}`;
}

function flagsOf(p: Pick<CapturedPacket, "tcp" | "icmp" | "arp">): string {
  if (p.tcp) return p.tcp.flags.join("/");
  if (p.icmp) return `type ${p.icmp.type} code ${p.icmp.code}`;
  if (p.arp) return p.arp.op;
  return "";
}

/**
 * A Geneve packet (a host's underlay) as the row of the packet it carries: inner addresses, ports,
 * flags and checksum verdict, the protocol column saying it came through the tunnel.
 */
function geneveRow(p: CapturedPacket, firstTime: number): PacketRow | null {
  const inner = p.geneve?.inner;
  if (!inner) return null;
  const ports = inner.tcp ?? inner.udp;
  const verdict = verdictOf(inner.l4Checksum);
  const words = inner.protocol.toUpperCase();
  return {
    key: `${p.streamId}:${p.index}`,
    time: `+${(p.time - firstTime).toFixed(3)}`,
    src: withPort(inner.src, ports?.srcPort),
    dst: withPort(inner.dst, ports?.dstPort),
    protocol: `GENEVE/${words}`,
    flags: flagsOf(inner),
    length: p.length,
    checksum: inner.l4Checksum ? hex16(inner.l4Checksum.value) : "—",
    verdict: inner.l4Checksum ? { ...verdict, label: `inner ${words} checksum ${verdict.label}` } : verdict,
  };
}

export function packetRow(p: CapturedPacket, firstTime: number): PacketRow {
  const tunnelled = geneveRow(p, firstTime);
  if (tunnelled) return tunnelled;
  const ports = p.tcp ?? p.udp;
  const { check, verdict } = rowVerdict(p);
  return {
    key: `${p.streamId}:${p.index}`,
    time: `+${(p.time - firstTime).toFixed(3)}`,
    src: withPort(p.src, ports?.srcPort),
    dst: withPort(p.dst, ports?.dstPort),
    protocol: p.protocol.toUpperCase(),
    flags: flagsOf(p),
    length: p.length,
    checksum: check ? hex16(check.value) : "—",
    verdict,
  };
}

/** Rows in capture order, times relative to the first packet. */
export function packetRows(packets: readonly CapturedPacket[]): PacketRow[] {
  const sorted = [...packets].sort((a, b) => a.index - b.index);
  const first = sorted[0]?.time ?? 0;
  return sorted.map((p) => packetRow(p, first));
}

/** How many rows carry each kind of verdict, for the summary line above the list. */
export function verdictCounts(rows: readonly PacketRow[]): Record<VerdictBadge["kind"], number> {
  const counts = { correct: 0, incorrect: 0, partial: 0, none: 0 };
  for (const r of rows) counts[r.verdict.kind]++;
  return counts;
}

const END_WORDS: Record<NonNullable<CaptureSummary["endReason"]>, string> = {
  duration: "time is up",
  "max-packets": "packet limit reached",
  "max-bytes": "size limit reached",
  stopped: "stopped",
  error: "failed",
};

/** `capturing…` or why it ended. */
export function captureStatusText(summary: CaptureSummary | null): string {
  if (!summary) return "starting…";
  if (!summary.finishedAt && !summary.endReason) return "capturing…";
  const why = summary.endReason ? END_WORDS[summary.endReason] : "ended";
  return summary.error ? `${why}: ${summary.error}` : `ended: ${why}`;
}
