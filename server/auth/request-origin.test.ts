import { test } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import { hostAllowlist, hostNameOf, originAllowed } from "./request-origin";

test("hostNameOf takes the name out of a Host header, or null when it is not one", () => {
  assert.equal(hostNameOf("localhost:3000"), "localhost");
  assert.equal(hostNameOf("LabBox.Local."), "labbox.local");
  assert.equal(hostNameOf("[::1]:3000"), "::1");
  assert.equal(hostNameOf("10.0.0.5"), "10.0.0.5");
  for (const bad of [undefined, "", "a b", "evil.example:3000@x", "::1", "host:99999999", "x/y"]) assert.equal(hostNameOf(bad), null, String(bad));
});

test("the allowlist has this machine's names and addresses, loopback, and the configured extras", () => {
  const hosts = hostAllowlist(["lab.example.org"]);
  assert.ok(hosts.allows("localhost:3000"));
  assert.ok(hosts.allows("127.0.0.1:3000"));
  assert.ok(hosts.allows("127.3.4.5"));
  assert.ok(hosts.allows("[::1]:3000"));
  assert.ok(hosts.allows(`${os.hostname()}:3000`));
  assert.ok(hosts.allows("LAB.example.org"));
  const own = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  if (own) assert.ok(hosts.allows(`${own.address}:80`));
  assert.ok(!hosts.allows("evil.example:3000"));
  assert.ok(!hosts.allows("localhost.evil.example"));
  assert.ok(!hosts.allows(undefined));
});

test('"*" allows any well-formed host (behind a proxy that checks Host itself)', () => {
  assert.ok(hostAllowlist(["*"]).allows("anything.example"));
  assert.ok(!hostAllowlist(["*"]).allows("not a host"));
});

test("an Origin must be this server itself; none at all is fine", () => {
  assert.ok(originAllowed(undefined, "localhost:3000"));
  assert.ok(originAllowed("http://localhost:3000", "localhost:3000"));
  assert.ok(originAllowed("https://LOCALHOST:3000", "localhost:3000"));
  assert.ok(!originAllowed("http://localhost:3001", "localhost:3000"));
  assert.ok(!originAllowed("http://evil.example", "localhost:3000"));
  assert.ok(!originAllowed("null", "localhost:3000"));
  assert.ok(!originAllowed("file://", "localhost:3000"));
  assert.ok(!originAllowed("http://localhost:3000", undefined));
});
