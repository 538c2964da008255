import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startTestServer, type TestServer } from "./harness";
import { twoHostsLabAs } from "../../server/lab/derived-labs";
import type { NetInterface, Topology } from "../../lib/contracts/topology";

// Lab "mhg", port 3491, endpoints in 10.77.222.0/24, underlay 10.77.223.0/24: this test's own.
const LAB = "mhg";
const spec = twoHostsLabAs(LAB, "10.77.222", "10.77.223");
const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });

let server: TestServer;
const topology = async () => (await server.get<Topology>("/api/topology")).body;

describe("discovery of a lab over two simulated hosts: veth peers inside the hosts, their bridges, the tunnel (real OVN and OVS)", () => {
  before(async () => {
    server = await startTestServer(LAB, 3491);
    const up = await server.post("/api/lab/up", { spec });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
    assert.doesNotMatch(sh("ip", ["netns", "list"]), new RegExp(`ovshost-${LAB}-|ovslab-${LAB}-`));
    assert.ok(!sh("ovs-vsctl", ["list-br"]).split("\n").includes(`${LAB}_ul`));
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), new RegExp(`ovslab-${LAB}\\b`));
  });

  test("each endpoint's eth0 has its peer, the host end inside its host's namespace, named by the host", async () => {
    const t = await topology();
    const byId = new Map(t.interfaces.map((i) => [i.id, i]));
    const peers = t.endpoints.map((e) => [e.name, byId.get(`${e.name}:eth0`)?.peerId]);
    assert.deepEqual(peers, [["c1", "host:a:mhg-c1"], ["c2", "host:a:mhg-c2"], ["c3", "host:b:mhg-c3"], ["server", "host:b:mhg-server"]]);
    const ends = ["host:a:mhg-c1", "host:b:mhg-c3", "host:b:mhg-server"].map((id) => byId.get(id)!);
    assert.deepEqual(ends.map((i) => [i.owner, i.role, i.peerId, i.offload.tx?.on]), [
      ["host:a", "bridge-port", "c1:eth0", true],
      ["host:b", "bridge-port", "c3:eth0", true],
      ["host:b", "dpdk-wire", "server:eth0", true],
    ]);
    const veths = t.links.filter((l) => l.kind === "veth").map((l) => `${l.a} ${l.b}`).sort();
    assert.deepEqual(veths, ["c1:eth0 host:a:mhg-c1", "c2:eth0 host:a:mhg-c2", "c3:eth0 host:b:mhg-c3", "server:eth0 host:b:mhg-server"]);
  });

  test("each host's br_int with its ports, the DPDK port on b with its wire, and one Geneve tunnel between the hosts' bridges", async () => {
    const t = await topology();
    const ports = (h: string) => t.hosts?.find((x) => x.name === h)?.bridge?.ports.filter((p) => p.type !== "geneve" && p.type !== "internal").map((p) => [p.name, p.interfaceId, p.dpdk?.wireInterfaceId ?? null]);
    assert.deepEqual(ports("a"), [["mhg-c1", "host:a:mhg-c1", null], ["mhg-c2", "host:a:mhg-c2", null]]);
    assert.deepEqual(ports("b"), [["dpdk0", null, "host:b:mhg-server"], ["mhg-c3", "host:b:mhg-c3", null]]);
    const hostLinks = t.links.filter((l) => l.kind !== "veth").map((l) => `${l.kind} ${l.a} ${l.b}`).sort();
    assert.deepEqual(hostLinks, [
      "bridge-port bridge:a/br_int host:a:mhg-c1",
      "bridge-port bridge:a/br_int host:a:mhg-c2",
      "bridge-port bridge:b/br_int dpdk:b/dpdk0",
      "bridge-port bridge:b/br_int host:b:mhg-c3",
      "dpdk-wire dpdk:b/dpdk0 host:b:mhg-server",
      "tunnel bridge:a/br_int bridge:b/br_int",
    ]);
    assert.deepEqual(t.links.find((l) => l.kind === "tunnel")?.tunnel, { encapsulation: "geneve", local: "10.77.223.1", remote: "10.77.223.2" });
    // Only tunnels to this lab's own hosts, whatever other multi-host labs run beside it.
    assert.deepEqual(t.hosts?.map((h) => h.tunnels.map((x) => x.remote)), [["10.77.223.2"], ["10.77.223.1"]]);
    assert.equal(t.ovn?.logicalSwitch, "ovslab-mhg");
  });

  test("TX offload changes on a host end inside a host's namespace, and reads back from there", async () => {
    const set = async (on: boolean) => {
      const r = await server.post<NetInterface>(`/api/interfaces/${encodeURIComponent("host:a:mhg-c1")}/offload`, { tx: on });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.offload.tx?.on;
    };
    assert.equal(await set(false), false);
    assert.match(sh("ip", ["netns", "exec", `ovshost-${LAB}-a`, "ethtool", "-k", "mhg-c1"]), /tx-checksumming: off/);
    assert.equal(await set(true), true);
    assert.match(sh("ip", ["netns", "exec", `ovshost-${LAB}-a`, "ethtool", "-k", "mhg-c1"]), /tx-checksumming: on/);
  });
});
