import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { NamespaceLocks, namespaceKey } from "./namespace-locks";
import { LockFile, type TryLock } from "./shared-netns-lock";

/** A lock another process might hold: `taken` says whether it does. */
const outside = (): TryLock & { taken: boolean } => ({
  taken: false,
  tryAcquire() {
    return this.taken ? false : (this.taken = true);
  },
  release() {
    this.taken = false;
  },
});

test("a probe claims both ends' namespaces for its protocol, or neither", () => {
  const locks = new NamespaceLocks(() => outside());
  assert.equal(locks.tryAcquire("tcp", ["root", "inode:1"]), true);
  assert.equal(locks.tryAcquire("tcp", ["inode:2", "root"]), false);
  assert.equal(locks.tryAcquire("tcp", ["inode:2", "inode:3"]), true, "the failed claim took nothing");
  assert.equal(locks.tryAcquire("udp", ["root", "inode:2"]), true, "UDP has its own counter");
});

test("a release is announced, so a run waiting for the root namespace takes its turn", () => {
  const locks = new NamespaceLocks(() => outside());
  const heard: string[] = [];
  const stop = locks.onRelease((protocol, keys) => heard.push(`${protocol}:${keys.join(",")}`));
  locks.tryAcquire("udp", ["root", "inode:7"]);
  locks.release("udp", ["root", "inode:7"]);
  stop();
  locks.release("udp", ["root"]);
  assert.deepEqual(heard, ["udp:root,inode:7"]);
  assert.equal(locks.tryAcquire("udp", ["root"]), true);
});

test("two labs' host endpoints are the same namespace; their containers are not", () => {
  assert.equal(namespaceKey({ netns: null }), namespaceKey({ netns: null, netnsInode: null }));
  assert.equal(namespaceKey({ netns: "/proc/12/ns/net", netnsInode: 4026532700 }), "inode:4026532700");
  assert.notEqual(namespaceKey({ netns: "/run/netns/ovslab-a-server" }), namespaceKey({ netns: "/run/netns/ovslab-b-server" }));
});

test("another process holding the root namespace: no claim, and a look again soon", async () => {
  const root = outside();
  root.taken = true;
  const locks = new NamespaceLocks(() => root);
  const again = new Promise<string[]>((resolve) => locks.onRelease((_, keys) => resolve(keys)));
  assert.equal(locks.tryAcquire("tcp", ["root", "inode:1"]), false);
  assert.equal(locks.tryAcquire("tcp", ["inode:1", "inode:2"]), true, "the failed claim took nothing");
  assert.deepEqual(await again, ["root"]);
  root.taken = false;
  assert.equal(locks.tryAcquire("tcp", ["root"]), true);
  locks.release("tcp", ["root"]);
  assert.equal(root.taken, false);
});

test("the lock file: one holder at a time; a holder that died is taken over", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ovslab-lock-"));
  const file = path.join(dir, "netns-1-tcp.lock");
  const a = new LockFile(file);
  const b = new LockFile(file);
  assert.equal(a.tryAcquire(), true);
  assert.equal(b.tryAcquire(), false);
  a.release();
  assert.equal(b.tryAcquire(), true);
  b.release();
  writeFileSync(file, `999999999 ${Date.now()}\n`); // a pid that cannot exist
  assert.equal(a.tryAcquire(), true);
  writeFileSync(file, `${process.pid} ${Date.now() - 60_000}\n`); // held for a minute: stale
  assert.equal(b.tryAcquire(), true);
  b.release();
});
