import { readFileSync } from "node:fs";
import { parseSnmp, type SnmpCounters } from "../parse-snmp";

export function readCounters(): SnmpCounters | null {
  try {
    return parseSnmp(readFileSync("/proc/net/snmp", "utf8"));
  } catch {
    return null;
  }
}

interface Watch {
  protocol: "tcp" | "udp";
  baseline: number;
  until: number;
  answer: (c: SnmpCounters | null) => void;
}

/** Polls about every millisecond, only while a watch is open: an agent with none costs nothing. */
const POLL_MS = 1;

/**
 * Watches on this namespace's checksum-error counters. One read of /proc/net/snmp per poll
 * serves every open watch; each is answered once (moved, unwatched or expired).
 */
export class CounterWatches {
  private readonly open = new Map<number, Watch>();
  private timer: NodeJS.Timeout | null = null;

  add(id: number, protocol: "tcp" | "udp", baseline: number, untilMs: number, answer: (c: SnmpCounters | null) => void): void {
    this.open.set(id, { protocol, baseline, until: performance.now() + untilMs, answer });
    this.poll();
  }

  /** Answers watch `id` now with the counters as they are; unknown ids (already answered) are ignored. */
  stop(id: number): void {
    const w = this.open.get(id);
    if (!w) return;
    this.open.delete(id);
    w.answer(readCounters());
  }

  private poll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = readCounters();
    const now = performance.now();
    for (const [id, w] of this.open) {
      if (c && c[w.protocol].inCsumErrors === w.baseline && now < w.until) continue;
      this.open.delete(id);
      w.answer(c);
    }
    if (this.open.size > 0) this.timer = setTimeout(() => this.poll(), POLL_MS);
  }
}
