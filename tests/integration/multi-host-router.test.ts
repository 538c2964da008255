import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startTestServer, type TestServer } from "./harness";
import type { Topology } from "../../lib/contracts/topology";
import type { PathExplanation } from "../../lib/contracts/path-explain";

// Lab "mr", port 3495, networks 10.77.232.0/24 and 10.77.233.0/24, underlay 10.77.234.0/24: this test's own.
const LAB = "mr";
const spec = {
  version: 2,
  id: LAB,
  hosts: [
    { name: "a", underlay: "10.77.234.1/24" },
    { name: "b", underlay: "10.77.234.2/24" },
  ],
  router: { gateways: ["10.77.232.1/24", "10.77.233.1/24"] },
  endpoints: [
    { name: "c1", kind: "container", host: "a", address: "10.77.232.8/24", offload: { tx: false } },
    { name: "c2", kind: "container", host: "b", address: "10.77.233.9/24", offload: { tx: false } },
    { name: "n3", kind: "netns", host: "b", address: "10.77.232.10/24", offload: { tx: false } },
  ],
};
const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });
interface Row { from: string; to: string; protocol: string; ok: boolean; error: string | null; droppedBy?: string }

describe("two networks across two hosts joined by an OVN logical router (real OVN and OVS)", () => {
  let server: TestServer;
  const run = async () => (await server.post<{ results: Row[] }>("/api/matrix", { timeoutMs: 1500 })).body.results;
  before(async () => {
    server = await startTestServer(LAB, 3495);
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("OVN has a switch per network and the router with a port at each gateway; each endpoint routes through its own", async () => {
    assert.match(sh("ovn-nbctl", ["show", `ovslab-${LAB}-router`]), /mr-rtr1[\s\S]*networks: \["10\.77\.232\.1\/24"\][\s\S]*mr-rtr2[\s\S]*networks: \["10\.77\.233\.1\/24"\]|mr-rtr2[\s\S]*mr-rtr1/);
    assert.match(sh("ovn-nbctl", ["ls-list"]), new RegExp(`ovslab-${LAB}\\)[\\s\\S]*ovslab-${LAB}-net2\\)|ovslab-${LAB}-net2\\)[\\s\\S]*ovslab-${LAB}\\)`));
    assert.match(sh("ip", ["netns", "exec", `ovslab-${LAB}-n3`, "ip", "route", "show", "default"]), /^default via 10\.77\.232\.1 dev eth0/);
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.deepEqual(t.ovn?.router?.networks.map((n) => [n.switch, n.cidr, n.gateway, n.endpoints]), [
      [`ovslab-${LAB}`, "10.77.232.0/24", "10.77.232.1/24", ["c1", "n3"]],
      [`ovslab-${LAB}-net2`, "10.77.233.0/24", "10.77.233.1/24", ["c2"]],
    ]);
  });

  test("every pair works across the router and the tunnel with offload off; c2's offload on breaks exactly its TCP and UDP pairs", async () => {
    assert.deepEqual((await run()).filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error}`), []);
    assert.equal((await server.post("/api/interfaces/c2:eth0/offload", { tx: true })).status, 200);
    const failing = (await run()).filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error} at ${r.droppedBy}`).sort();
    // c2's SYN (datagram) dies at its receiver, routed or not; c2's SYN/ACK (echo reply) at the peer that sent first.
    const expected = ["tcp", "udp"].flatMap((p) => ["c1", "n3"].flatMap((peer) => [`${p} c2>${peer}: bad-checksum at ${peer}`, `${p} ${peer}>c2: bad-checksum at ${peer}`]));
    assert.deepEqual(failing, expected.sort());
  });

  test("the path of c1 -> c2 (another network, another host) crosses the router's logical pipeline and the tunnel; TCP dies at c1, refusing c2's SYN/ACK", async () => {
    const { status, body: p } = await server.post<PathExplanation>("/api/path-explain", { from: "c1", to: "c2", protocol: "icmp" });
    assert.equal(status, 200, JSON.stringify(p));
    assert.equal(p.cause, "works", p.headline);
    assert.ok(p.hops.some((h) => h.kind === "logical" && /^logical router ovslab-mr-router/.test(h.label)), p.hops.map((h) => h.label).join("\n"));
    assert.ok(p.hops.some((h) => h.kind === "tunnel"), p.hops.map((h) => h.label).join("\n"));
    const { body: tcp } = await server.post<PathExplanation>("/api/path-explain", { from: "c1", to: "c2", protocol: "tcp" });
    assert.equal(tcp.died?.death, "checksum-refused", tcp.headline);
    assert.equal(tcp.hops[tcp.died!.hop].endpoint, "c1");
    assert.deepEqual(tcp.fixes.map((f) => f.kind === "offload" && f.interfaceId), ["c2:eth0"]);
  });

  test("down removes the switches, the router and the routes' namespaces", async () => {
    assert.equal((await server.post("/api/lab/down")).status, 200);
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), /ovslab-mr|mr-rtr|mr-to-rtr/);
    assert.doesNotMatch(sh("ip", ["netns", "list"]), /ovshost-mr-|ovslab-mr-/);
  });
});
