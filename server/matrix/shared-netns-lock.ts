import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** A lock one process holds at a time; tryAcquire never waits. */
export interface TryLock {
  tryAcquire(): boolean;
  release(): void;
}

/** A holder that has not let go within this long is taken to be gone (the longest probe is 10 s). */
const STALE_MS = 15_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * A lock file shared by every ovs-lab process on the machine (created with O_EXCL, holding the
 * holder's pid and time). A holder that died or held it too long is taken over. When the file
 * cannot be made at all the lock is not enforced: a warning, once, and runs go on as before.
 */
export class LockFile implements TryLock {
  private warned = false;

  constructor(private readonly file: string) {}

  tryAcquire(): boolean {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        mkdirSync(path.dirname(this.file), { recursive: true });
        const fd = openSync(this.file, "wx");
        writeSync(fd, `${process.pid} ${Date.now()}\n`);
        closeSync(fd);
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") return this.unenforced(err as Error);
        if (!this.stale()) return false;
        try {
          unlinkSync(this.file);
        } catch {
          /* another process took it over first */
        }
      }
    }
    return false;
  }

  release(): void {
    try {
      unlinkSync(this.file);
    } catch {
      /* already gone */
    }
  }

  private stale(): boolean {
    try {
      const [pid, at] = readFileSync(this.file, "utf8").trim().split(" ").map(Number);
      return !alive(pid) || Date.now() - at > STALE_MS;
    } catch {
      return false;
    }
  }

  private unenforced(err: Error): boolean {
    if (!this.warned) console.warn(`[ovs-lab] cannot take ${this.file} (${err.message}); another process's probes may move the host's counters`);
    this.warned = true;
    return true;
  }
}

/**
 * The lock on this process's own network namespace (the "host" endpoint's) for one protocol's
 * counter, named by the namespace's inode: two ovs-lab servers on one machine take turns on the
 * root namespace, and a server run inside a namespace of its own (the fault tests) locks only that one.
 */
export function ownNamespaceLock(protocol: string, dir = "/run/lock/ovs-lab"): TryLock {
  let inode = "self";
  try {
    inode = String(statSync("/proc/self/ns/net").ino);
  } catch {
    /* no /proc: one lock for all */
  }
  return new LockFile(path.join(dir, `netns-${inode}-${protocol}.lock`));
}
