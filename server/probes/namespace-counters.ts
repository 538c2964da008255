import { closeSync, openSync, readSync } from "node:fs";
import { parseSnmp, type SnmpCounters } from "./parse-snmp";

const buffer = Buffer.alloc(16 * 1024);

/**
 * The /proc/net/snmp counters of one network namespace, read by the server itself through
 * /proc/<pid>/net/snmp of a process inside it (the probe agent). No message to the agent, no
 * wake-up in the namespace: a matrix run reads these every millisecond or so while a probe is
 * out. The descriptor is opened once and read from offset 0 each time (a fresh snapshot); it
 * keeps the namespace it was opened in, so a reused pid can never show another one. It also
 * keeps that namespace alive: close() it when the agent goes.
 */
export class NamespaceCounters {
  private fd: number | null;

  private constructor(fd: number) {
    this.fd = fd;
  }

  /** null when the process is gone or the file cannot be read. */
  static open(pid: number): NamespaceCounters | null {
    try {
      return new NamespaceCounters(openSync(`/proc/${pid}/net/snmp`, "r"));
    } catch {
      return null;
    }
  }

  read(): SnmpCounters | null {
    if (this.fd === null) return null;
    try {
      const n = readSync(this.fd, buffer, 0, buffer.length, 0);
      return parseSnmp(buffer.toString("latin1", 0, n));
    } catch {
      return null;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
