import { test } from "node:test";
import assert from "node:assert/strict";
import { NamespaceLocks, namespaceKey } from "./namespace-locks";

test("a probe claims both ends' namespaces for its protocol, or neither", () => {
  const locks = new NamespaceLocks();
  assert.equal(locks.tryAcquire("tcp", ["root", "inode:1"]), true);
  assert.equal(locks.tryAcquire("tcp", ["inode:2", "root"]), false);
  assert.equal(locks.tryAcquire("tcp", ["inode:2", "inode:3"]), true, "the failed claim took nothing");
  assert.equal(locks.tryAcquire("udp", ["root", "inode:2"]), true, "UDP has its own counter");
});

test("a release is announced, so a run waiting for the root namespace takes its turn", () => {
  const locks = new NamespaceLocks();
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
