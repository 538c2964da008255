import type { OffloadState } from "../../lib/contracts/offload";
import type { IpLink } from "../netns/parse-ip-addr";

/** One namespace as read: its links and each link's offload. */
export interface NamespaceRead {
  links: IpLink[];
  offload: Map<string, OffloadState>;
}

interface NamespaceEntry extends NamespaceRead {
  inode: number | null;
  readAt: number;
}

/**
 * Since when a change inside a namespace would be reported (its probe agent's link monitor),
 * or null when nothing watches it: then every discovery reads it again.
 */
export type WatchedSince = (netns: string, inode: number | null) => number | null;

/**
 * What discovery read and what still holds: a namespace's links and offloads are read again only
 * when something in it changed (its agent's `ip monitor` said so, or the lab was rebuilt), a
 * root-namespace interface's offload only when a link event named it. Discovery of an idle lab
 * of a hundred endpoints then costs a few processes instead of three hundred.
 */
export class DiscoveryCache {
  private readonly namespaces = new Map<string, NamespaceEntry>();
  private readonly rootOffload = new Map<string, OffloadState>();
  /** When each namespace (or all, under "*") was last invalidated: a read begun before then is stale. */
  private readonly invalidatedAt = new Map<string, number>();
  private rootInvalidatedAt = 0;

  constructor(private readonly watchedSince: WatchedSince) {}

  namespace(netns: string, inode: number | null): NamespaceRead | undefined {
    const entry = this.namespaces.get(netns);
    if (!entry || entry.inode !== inode) return undefined;
    const since = this.watchedSince(netns, inode);
    // Read before its watcher started: a change in between would have gone unseen.
    return since !== null && since <= entry.readAt ? entry : undefined;
  }

  /** `readAt` is taken before the read starts: a change during it must invalidate it. */
  storeNamespace(netns: string, inode: number | null, read: NamespaceRead, readAt: number): void {
    if (readAt <= Math.max(this.invalidatedAt.get(netns) ?? 0, this.invalidatedAt.get("*") ?? 0)) return;
    this.namespaces.set(netns, { ...read, inode, readAt });
  }

  rootInterfaceOffload(link: IpLink): OffloadState | undefined {
    return this.rootOffload.get(rootKey(link));
  }

  storeRootOffload(link: IpLink, offload: OffloadState, readAt: number): void {
    if (readAt <= this.rootInvalidatedAt) return;
    this.rootOffload.set(rootKey(link), offload);
  }

  invalidateNamespace(netns: string): void {
    this.invalidatedAt.set(netns, Date.now());
    this.namespaces.delete(netns);
  }

  /** null: an event that named no interface, so any may have changed. */
  invalidateRoot(ifnames: readonly string[] | null): void {
    this.rootInvalidatedAt = Date.now();
    if (ifnames === null) return this.rootOffload.clear();
    for (const key of [...this.rootOffload.keys()]) if (ifnames.includes(key.slice(0, key.lastIndexOf("#")))) this.rootOffload.delete(key);
  }

  invalidateAll(): void {
    this.invalidatedAt.clear();
    this.invalidatedAt.set("*", Date.now());
    this.rootInvalidatedAt = Date.now();
    this.namespaces.clear();
    this.rootOffload.clear();
  }

  /** Drops what discovery no longer found (a removed namespace, a deleted interface). */
  keepOnly(netnsPaths: Set<string>, rootLinks: readonly IpLink[]): void {
    for (const path of [...this.namespaces.keys()]) if (!netnsPaths.has(path)) this.namespaces.delete(path);
    for (const path of [...this.invalidatedAt.keys()]) if (path !== "*" && !netnsPaths.has(path)) this.invalidatedAt.delete(path);
    const live = new Set(rootLinks.map(rootKey));
    for (const key of [...this.rootOffload.keys()]) if (!live.has(key)) this.rootOffload.delete(key);
  }
}

/** The ifindex tells a re-made interface of the same name from the old one. */
const rootKey = (link: IpLink) => `${link.ifname}#${link.ifindex}`;
