import type { Protocol } from "../../lib/contracts/matrix";

/**
 * Which network namespaces have a TCP or UDP probe running now, in this process. A namespace
 * counts its checksum drops in one counter per protocol, so a probe claims both of its ends'
 * namespaces for its protocol. One table per process: two labs share the root namespace (their
 * "host" endpoints), and their runs must take turns on it there.
 */
export class NamespaceLocks {
  private readonly held = new Map<Protocol, Set<string>>();
  private readonly listeners = new Set<(protocol: Protocol, keys: string[]) => void>();

  /** Both keys or neither. */
  tryAcquire(protocol: Protocol, keys: readonly string[]): boolean {
    let held = this.held.get(protocol);
    if (!held) this.held.set(protocol, (held = new Set()));
    if (keys.some((k) => held.has(k))) return false;
    keys.forEach((k) => held.add(k));
    return true;
  }

  release(protocol: Protocol, keys: readonly string[]): void {
    keys.forEach((k) => this.held.get(protocol)?.delete(k));
    for (const listener of [...this.listeners]) listener(protocol, [...keys]);
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
