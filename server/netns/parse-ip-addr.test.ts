import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseIpAddr } from "./parse-ip-addr";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

test("a namespace's eth0 is a veth whose peer index points into the root namespace", () => {
  const links = parseIpAddr(fixture("ip-addr-server-ns.json"));
  const eth0 = links.find((l) => l.ifname === "eth0");
  assert.ok(eth0);
  assert.equal(eth0.kind, "veth");
  assert.deepEqual(eth0.ipv4, ["10.99.1.10/24"]);
  assert.equal(typeof eth0.linkIndex, "number");
  assert.ok(eth0.counters && eth0.counters.rxPackets > 0);
  assert.equal(links.find((l) => l.ifname === "lo")?.kind, "loopback");
});

test("the root namespace's veth end knows the index of its peer", () => {
  const root = parseIpAddr(fixture("ip-addr-root.json"));
  const server = parseIpAddr(fixture("ip-addr-server-ns.json")).find((l) => l.ifname === "eth0")!;
  const hostEnd = root.find((l) => l.ifindex === server.linkIndex);
  assert.equal(hostEnd?.ifname, "tst-nic");
  assert.equal(hostEnd?.linkIndex, server.ifindex);
});

test("empty output is no links", () => {
  assert.deepEqual(parseIpAddr(""), []);
});
