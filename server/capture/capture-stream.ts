import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import type { ChildProcess } from "node:child_process";
import type { CapturedPacket, CaptureResult, CaptureSummary } from "../../lib/contracts/capture";
import { spawnStreaming } from "../run-command/run-command";
import { PcapStreamReader } from "./pcap-reader";
import { describePacket } from "./describe-packet";

export interface CaptureEvents {
  packet: [CapturedPacket];
  end: [CaptureSummary];
}

export interface CaptureTarget {
  interfaceId: string;
  ifname: string;
  /** null for the root namespace. */
  netns: string | null;
  caveat?: string;
  /** A host's underlay: what crosses it is Geneve, and the filter applies to the packet inside. */
  encapsulation?: "geneve";
}

export interface CaptureLimits {
  durationMs: number;
  maxPackets: number;
  maxBytes?: number;
}

const SNAPLEN = 65_535;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
const READY_TIMEOUT_MS = 5000;

/**
 * One tcpdump writing pcap to stdout, parsed as it arrives. It has an id, emits
 * `packet` and `end`, keeps the raw bytes for download, and `stop()` is its disposer.
 */
export class CaptureStream extends EventEmitter<CaptureEvents> {
  readonly id = randomUUID();
  readonly packets: CapturedPacket[] = [];
  /** Resolves once tcpdump listens: start the traffic after this. */
  readonly ready: Promise<void>;
  /** Resolves when tcpdump has exited and every packet was emitted. */
  readonly done: Promise<CaptureResult>;
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  private readonly child: ChildProcess;
  private readonly startedAt = new Date().toISOString();
  private finishedAt: string | null = null;
  private endReason: CaptureSummary["endReason"] = null;
  private error: string | undefined;
  private stderr = "";

  constructor(
    readonly target: CaptureTarget,
    readonly filter: string[],
    private readonly limits: CaptureLimits,
  ) {
    super();
    const args = ["-i", target.ifname, "-n", "-U", "--immediate-mode", "-s", String(SNAPLEN), "-c", String(limits.maxPackets), "-w", "-", ...filter];
    this.child = spawnStreaming("tcpdump", args, { netns: target.netns });
    this.ready = this.waitReady();
    this.done = this.collect();
    this.ready.catch(() => undefined);
  }

  stop(reason: CaptureSummary["endReason"] = "stopped"): void {
    if (this.finishedAt || this.child.exitCode !== null) return;
    this.endReason ??= reason;
    // SIGTERM: tcpdump flushes what it has and exits cleanly.
    this.child.kill("SIGTERM");
  }

  /** The capture as a pcap file, exactly as tcpdump wrote it. */
  pcap(): Buffer {
    return Buffer.concat(this.chunks);
  }

  summary(): CaptureSummary {
    return {
      id: this.id,
      interfaceId: this.target.interfaceId,
      filter: this.filter.join(" "),
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      packetCount: this.packets.length,
      endReason: this.endReason,
      ...(this.error ? { error: this.error } : {}),
      ...(this.target.caveat ? { caveat: this.target.caveat } : {}),
    };
  }

  private waitReady(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`tcpdump on ${this.target.interfaceId} did not start within ${READY_TIMEOUT_MS} ms: ${this.stderr.trim()}`)), READY_TIMEOUT_MS);
      const onErr = (d: Buffer) => {
        this.stderr += d.toString("utf8");
        if (this.stderr.includes("listening on")) finish();
      };
      const finish = () => {
        clearTimeout(timer);
        this.child.stderr!.off("data", onErr);
        this.child.stderr!.on("data", (d: Buffer) => (this.stderr += d.toString("utf8")));
        resolve();
      };
      this.child.stderr!.on("data", onErr);
      this.child.once("close", () => {
        clearTimeout(timer);
        reject(new Error(`tcpdump on ${this.target.interfaceId} exited before listening: ${this.stderr.trim() || "no message"}`));
      });
    });
  }

  private collect(): Promise<CaptureResult> {
    const reader = new PcapStreamReader();
    const maxBytes = this.limits.maxBytes ?? DEFAULT_MAX_BYTES;
    const timer = setTimeout(() => this.stop("duration"), this.limits.durationMs);
    this.child.stdout!.on("data", (chunk: Buffer) => {
      if (this.bytes + chunk.length > maxBytes) return this.stop("max-bytes");
      this.chunks.push(chunk);
      this.bytes += chunk.length;
      try {
        for (const record of reader.push(chunk)) {
          const packet = describePacket(record, this.id, this.packets.length);
          this.packets.push(packet);
          this.emit("packet", packet);
        }
      } catch (err) {
        this.error = (err as Error).message;
        this.stop("error");
      }
    });
    return new Promise((resolve) => {
      const end = (code: number | null, why?: string) => {
        if (this.finishedAt) return;
        clearTimeout(timer);
        this.finishedAt = new Date().toISOString();
        if (why || (code !== 0 && code !== null && this.endReason === null)) {
          this.endReason = "error";
          this.error ??= why ?? `tcpdump exited with ${code}: ${this.stderr.trim().split("\n").slice(-2).join(" | ")}`;
        }
        this.endReason ??= this.packets.length >= this.limits.maxPackets ? "max-packets" : "stopped";
        const summary = this.summary();
        this.emit("end", summary);
        resolve({ ...summary, packets: this.packets });
      };
      this.child.once("error", (err) => end(null, `tcpdump could not start: ${err.message}`));
      this.child.once("close", (code) => end(code));
    });
  }
}
