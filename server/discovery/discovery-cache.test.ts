import assert from "node:assert/strict";
import { test } from "node:test";
import type { IpLink } from "../netns/parse-ip-addr";
import { DiscoveryCache } from "./discovery-cache";

const read = { links: [] as IpLink[], offload: new Map() };
const watchedSince = () => 0; // a watcher that has been running all along

test("a namespace read is reused while its watcher runs, and read again after an invalidation", () => {
  const cache = new DiscoveryCache(watchedSince);
  cache.storeNamespace("/run/netns/a", 1, read, Date.now());
  assert.ok(cache.namespace("/run/netns/a", 1));
  assert.equal(cache.namespace("/run/netns/a", 2), undefined, "another inode is another namespace");
  cache.invalidateNamespace("/run/netns/a");
  assert.equal(cache.namespace("/run/netns/a", 1), undefined);
});

test("a read begun before an invalidation is not stored: it may predate the change", () => {
  const cache = new DiscoveryCache(watchedSince);
  const readAt = Date.now() - 5;
  cache.invalidateNamespace("/run/netns/a");
  cache.storeNamespace("/run/netns/a", 1, read, readAt);
  assert.equal(cache.namespace("/run/netns/a", 1), undefined);

  cache.invalidateAll();
  cache.storeNamespace("/run/netns/b", 1, read, readAt);
  assert.equal(cache.namespace("/run/netns/b", 1), undefined, "invalidateAll covers every namespace");
  cache.storeNamespace("/run/netns/b", 1, read, Date.now() + 1);
  assert.ok(cache.namespace("/run/netns/b", 1), "a read begun afterwards is kept");
});

test("nothing is reused in a namespace nobody watches, or read before its watcher started", () => {
  const unwatched = new DiscoveryCache(() => null);
  unwatched.storeNamespace("/run/netns/a", 1, read, Date.now());
  assert.equal(unwatched.namespace("/run/netns/a", 1), undefined);
  const lateWatcher = new DiscoveryCache(() => Date.now() + 1000);
  lateWatcher.storeNamespace("/run/netns/a", 1, read, Date.now());
  assert.equal(lateWatcher.namespace("/run/netns/a", 1), undefined);
});
