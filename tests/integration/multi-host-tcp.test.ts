import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { startTestServer, type TestServer } from "./harness";
import type { Topology } from "../../lib/contracts/topology";

// Lab "mt", port 3497, endpoints in 10.77.228.0/24, underlay 10.77.229.0/24: this test's own.
const LAB = "mt";
const spec = {
  version: 2,
  id: LAB,
  hosts: [
    { name: "a", underlay: "10.77.229.1/24", ovsdb: "tcp" },
    { name: "b", underlay: "10.77.229.2/24", ovsdb: "tcp" },
  ],
  endpoints: [
    { name: "c1", kind: "container", host: "a", address: "10.77.228.8/24", offload: { tx: false } },
    { name: "c2", kind: "container", host: "b", address: "10.77.228.9/24", offload: { tx: false } },
    { name: "n3", kind: "netns", host: "b", address: "10.77.228.10/24", offload: { tx: false } },
  ],
};
const MANAGEMENT = "10.77.229.254";
const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });
const inHost = (host: string, bin: string, args: string[]) => sh("ip", ["netns", "exec", `ovshost-${LAB}-${host}`, bin, ...args]);
interface Row { from: string; to: string; protocol: string; ok: boolean; error: string | null; droppedBy?: string }

describe("hosts reached over TCP, as real hosts are: their OVSDB at their underlay address, OVN's SB over TCP (real OVN and OVS)", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(LAB, 3497);
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("each host's ovsdb-server listens at its underlay address; this machine reaches it there from its management address", async () => {
    for (const [host, ip] of [["a", "10.77.229.1"], ["b", "10.77.229.2"]]) {
      assert.match(inHost(host, "ss", ["-Hltn"]), new RegExp(`${ip.replaceAll(".", "\\.")}:6640\\b`));
      assert.equal(sh("ovs-vsctl", [`--db=tcp:${ip}:6640`, "--timeout=5", "br-exists", "br_int"]), "");
    }
    assert.match(sh("ip", ["-4", "-o", "addr", "show", "dev", `${LAB}_ul`]), new RegExp(`${MANAGEMENT}/24`));
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.deepEqual(t.hosts?.map((h) => [h.name, h.ovsdb, h.chassis]), [
      ["a", "tcp:10.77.229.1:6640", `${LAB}-a`],
      ["b", "tcp:10.77.229.2:6640", `${LAB}-b`],
    ]);
  });

  test("each host's ovn-controller reaches OVN's SB over TCP at the management address, and OVN binds every port", async () => {
    assert.match(sh("ovs-appctl", ["-t", "/var/run/ovn/ovnsb_db.ctl", "ovsdb-server/list-remotes"]), new RegExp(`^ptcp:6642:${MANAGEMENT}$`, "m"));
    for (const host of ["a", "b"]) {
      const remote = sh("ovs-vsctl", [`--db=unix:/run/ovs-lab/${LAB}/${host}/db.sock`, "get", "Open_vSwitch", ".", "external_ids:ovn-remote"]).trim();
      assert.equal(remote, `"tcp:${MANAGEMENT}:6642"`);
      assert.match(inHost(host, "ss", ["-Htn", "state", "established"]), new RegExp(`${MANAGEMENT.replaceAll(".", "\\.")}:6642\\b`));
    }
    assert.match(sh("ovn-nbctl", ["--columns=name,up", "find", "Logical_Switch_Port", `external_ids:ovs-lab-lab=${LAB}`]), /up\s+: true[\s\S]*up\s+: true[\s\S]*up\s+: true/);
  });

  test("the matrix across the hosts is green with offload off, and the seed's bug crosses with c1's on", async () => {
    const run = async () => (await server.post<{ results: Row[] }>("/api/matrix", { timeoutMs: 1500 })).body.results;
    assert.deepEqual((await run()).filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error}`), []);
    assert.equal((await server.post("/api/interfaces/c1:eth0/offload", { tx: true })).status, 200);
    const failing = (await run()).filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error} at ${r.droppedBy}`).sort();
    // c1's SYN (datagram) dies at its receiver; c1's SYN/ACK (echo reply) at the peer that sent the first packet.
    const expected = ["tcp", "udp"].flatMap((p) => ["c2", "n3"].flatMap((peer) => [`${p} c1>${peer}: bad-checksum at ${peer}`, `${p} ${peer}>c1: bad-checksum at ${peer}`]));
    assert.deepEqual(failing, expected.sort());
  });

  test("discovery reads the hosts over TCP: with their unix sockets gone, host b still shows its ports, tunnel and daemons", async () => {
    for (const host of ["a", "b"]) rmSync(`/run/ovs-lab/${LAB}/${host}/db.sock`);
    // A change the lab sees (an offload toggle) starts a rediscovery.
    assert.equal((await server.post("/api/interfaces/c1:eth0/offload", { tx: false })).status, 200);
    const deadline = Date.now() + 10_000;
    let hostB: NonNullable<Topology["hosts"]>[number] | undefined;
    for (;;) {
      const { body: t } = await server.get<Topology>("/api/topology");
      hostB = t.hosts?.find((h) => h.name === "b");
      if (t.interfaces.find((i) => i.id === "c1:eth0")?.offload.tx?.on === false) break;
      assert.ok(Date.now() < deadline, "no rediscovery within 10 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(hostB?.endpoints, ["c2", "n3"]);
    assert.deepEqual(hostB?.tunnels.map((x) => x.remote), ["10.77.229.1"]);
    assert.deepEqual(hostB?.daemons, { "ovsdb-server": true, "ovs-vswitchd": true, "ovn-controller": true });
  });

  test("down leaves nothing: hosts, the SB's TCP remote, the management address, OVN rows", async () => {
    const down = await server.post("/api/lab/down");
    assert.equal(down.status, 200, JSON.stringify(down.body));
    assert.doesNotMatch(sh("ovs-appctl", ["-t", "/var/run/ovn/ovnsb_db.ctl", "ovsdb-server/list-remotes"]), new RegExp(MANAGEMENT.replaceAll(".", "\\.")));
    assert.doesNotMatch(sh("ip", ["-4", "-o", "addr"]), new RegExp(MANAGEMENT.replaceAll(".", "\\.")));
    assert.doesNotMatch(sh("ip", ["netns", "list"]), /ovshost-mt-|ovslab-mt-/);
    assert.doesNotMatch(sh("ovn-sbctl", ["show"]), /mt-a|mt-b/);
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), /ovslab-mt/);
    assert.equal(existsSync(`/run/ovs-lab/${LAB}`), false);
  });
});
