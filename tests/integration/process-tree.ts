import assert from "node:assert/strict";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** The server's pid: whoever listens on its port (the harness spawns node itself, not through a shell). */
export function listeningPid(port: number): number {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const inode = readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1).map((l) => l.trim().split(/\s+/)).find((f) => f[1]?.endsWith(hex) && f[3] === "0A")?.[9];
  assert.ok(inode, `nothing listens on ${port}`);
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readdirSync(`/proc/${pid}/fd`).some((fd) => readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`)) return Number(pid);
    } catch {
      // gone, or not ours to read
    }
  }
  throw new Error(`no process holds the socket listening on ${port}`);
}
