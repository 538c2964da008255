import type { Protocol } from "../../lib/contracts/matrix";
import { ownNamespaceLock, type TryLock } from "./shared-netns-lock";

/**
 * Which network namespaces have a TCP or UDP probe running now, in this process. A namespace
 * counts its checksum drops in one counter per protocol, so a probe claims both of its ends'
 * namespaces for its protocol. One table per process: two labs share the root namespace (their
 * "host" endpoints), and their runs must take turns on it there. The root namespace is also taken
 * across processes (`rootLock`, a lock file), since other ovs-lab servers use it too.
 */
export class NamespaceLocks {
  private readonly held = new Map<Protocol, Set<string>>();
  private readonly listeners = new Set<(protocol: Protocol, keys: string[]) => void>();
  private readonly rootLocks = new Map<Protocol, TryLock>();
  private readonly retries = new Map<Protocol, NodeJS.Timeout>();

  constructor(private readonly rootLock: (protocol: Protocol) => TryLock = ownNamespaceLock) {}

  /** All keys or none. */
  tryAcquire(protocol: Protocol, keys: readonly string[]): boolean {
    let held = this.held.get(protocol);
    if (!held) this.held.set(protocol, (held = new Set()));
    if (keys.some((k) => held.has(k))) return false;
    if (keys.includes("root") && !this.rootLockOf(protocol).tryAcquire()) {
      this.retrySoon(protocol);
      return false;
    }
    keys.forEach((k) => held.add(k));
    return true;
  }

  release(protocol: Protocol, keys: readonly string[]): void {
    keys.forEach((k) => this.held.get(protocol)?.delete(k));
    if (keys.includes("root")) this.rootLockOf(protocol).release();
    this.announce(protocol, [...keys]);
  }

  private rootLockOf(protocol: Protocol): TryLock {
    let lock = this.rootLocks.get(protocol);
    if (!lock) this.rootLocks.set(protocol, (lock = this.rootLock(protocol)));
    return lock;
  }

  /** Another process holds the root namespace: nothing here will announce its release, so look again shortly. */
  private retrySoon(protocol: Protocol): void {
    if (this.retries.has(protocol)) return;
    const timer = setTimeout(() => {
      this.retries.delete(protocol);
      this.announce(protocol, ["root"]);
    }, 2);
    this.retries.set(protocol, timer);
  }

  private announce(protocol: Protocol, keys: string[]): void {
    for (const listener of [...this.listeners]) listener(protocol, keys);
  }

  /** Called after every release (a waiting run takes its turn); returns the disposer. */
  onRelease(listener: (protocol: Protocol, keys: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const namespaceLocks = new NamespaceLocks();

/** The key of an endpoint's namespace: its inode when known, its path, or the root namespace. */
export function namespaceKey(e: { netns?: string | null; netnsInode?: number | null }): string {
  if (e.netnsInode) return `inode:${e.netnsInode}`;
  return e.netns ? `path:${e.netns}` : "root";
}
