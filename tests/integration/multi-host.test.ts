import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { startTestServer, type TestServer } from "./harness";
import { twoHostsLabAs } from "../../server/lab/derived-labs";
import type { Topology } from "../../lib/contracts/topology";
import type { LabSpecInput } from "../../lib/lab-spec/schema";

// Lab "mh", port 3480, endpoints in 10.77.210.0/24, underlay 10.77.211.0/24: this test's own.
const LAB = "mh";
interface Row { from: string; to: string; protocol: string; ok: boolean; error: string | null; droppedBy?: string }

const endpoint = (name: string, kind: "container" | "netns", host: string, last: number, extra: object = {}) => ({ name, kind, host, address: `10.77.210.${last}/24`, ...extra });
/** labs/two-hosts-ovn.yaml (host b runs the DPDK build: the server is behind a DPDK port there, as in the seed), plus `more`. */
const spec = (more: ReturnType<typeof endpoint>[] = []) => {
  const base = twoHostsLabAs(LAB, "10.77.210", "10.77.211");
  return { ...base, endpoints: [...base.endpoints, ...more] } as LabSpecInput;
};

const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });
const allPairs = (eps: string[], protocols: string[]) => protocols.flatMap((p) => eps.flatMap((a) => eps.filter((b) => b !== a).map((b) => `${p} ${a}>${b}`))).sort();
const touching = (names: string[]) => (p: string) => names.some((n) => p.split(" ")[1].split(">").includes(n));

let server: TestServer;
let lastResults: Row[] = [];
const failingPairs = async (count: number): Promise<string[]> => {
  const { status, body } = await server.post<{ results: Row[]; durationMs: number }>("/api/matrix", { timeoutMs: 1500 });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.results.length, count);
  console.log(`[multi-host] matrix of ${count} probes: ${body.durationMs} ms`);
  lastResults = body.results;
  return body.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`).sort();
};

describe("a lab over two simulated hosts on OVN/Geneve (real OVN, OVS userspace, Docker)", () => {
  before(async () => {
    server = await startTestServer(LAB, 3480);
    const started = Date.now();
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec: spec() });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    console.log(`[multi-host] lab up: ${Date.now() - started} ms`);
  });
  after(async () => {
    await server?.stop();
  });

  test("discovery finds the four endpoints and the two hosts with their tunnels", async () => {
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.deepEqual(t.endpoints.map((e) => e.name).sort(), ["c1", "c2", "c3", "server"]);
    assert.deepEqual(t.hosts?.map((h) => [h.name, h.underlay, h.chassis, h.endpoints]), [
      ["a", "10.77.211.1", "mh-a", ["c1", "c2"]],
      ["b", "10.77.211.2", "mh-b", ["c3", "server"]],
    ]);
    assert.deepEqual(t.hosts?.map((h) => h.tunnels.map((x) => `${x.kind} ${x.remote}`)), [["geneve 10.77.211.2"], ["geneve 10.77.211.1"]]);
    assert.equal(t.interfaces.find((i) => i.id === "c1:eth0")?.offload.tx?.on, true);
    // The server's port on host b is a DPDK port (net_af_packet on its veth), up.
    const dpdk = JSON.parse(sh("ovs-vsctl", ["--db=unix:/run/ovs-lab/mh/b/db.sock", "--format=json", "--columns=type,link_state", "list", "Interface", "dpdk0"])) as { data: unknown[][] };
    assert.deepEqual(dpdk.data[0], ["dpdk", "up"]);
    assert.match(sh("ovn-sbctl", ["--columns=name", "list", "Chassis"]), /mh-a[\s\S]*|mh-b/);
  });

  test("offload on: ICMP crosses everywhere, TCP and UDP fail for every pair with a container, across the tunnel too", async () => {
    const eps = ["c1", "c2", "c3", "server"];
    assert.deepEqual(await failingPairs(36), allPairs(eps, ["tcp", "udp"]).filter(touching(["c1", "c2", "c3"])));
    // The receiver's kernel names itself: c1 -> c3 TCP dies in c3, across the tunnel.
    const cross = lastResults.find((r) => r.protocol === "tcp" && r.from === "c1" && r.to === "c3");
    assert.equal(cross?.error, "bad-checksum", JSON.stringify(cross));
    assert.equal(cross?.droppedBy, "c3");
  });

  test("offload off everywhere: all green; on again in c1: exactly c1's pairs fail", async () => {
    for (const id of ["c1:eth0", "c2:eth0", "c3:eth0"]) {
      const r = await server.post<{ offload: { tx: { on: boolean } } }>(`/api/interfaces/${id}/offload`, { tx: false });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    assert.deepEqual(await failingPairs(36), []);
    await server.post("/api/interfaces/c1:eth0/offload", { tx: true });
    assert.deepEqual(await failingPairs(36), allPairs(["c1", "c2", "c3", "server"], ["tcp", "udp"]).filter(touching(["c1"])));
  });

  test("a container added on host b by a second up is seen and works", async () => {
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec: spec([endpoint("c4", "container", "b", 11, { offload: { tx: false } })]) });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.deepEqual(up.body.topology.hosts?.find((h) => h.name === "b")?.endpoints, ["c3", "c4", "server"]);
    const { status, body } = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp", "tcp"], pairs: [["c4", "c2"], ["c4", "server"], ["c1", "c4"]], timeoutMs: 1500 });
    assert.equal(status, 200);
    // The others keep their links and offload (an up sets only what the spec names): c1 on, c2 off; c4 off.
    assert.deepEqual(body.results.map((r) => `${r.protocol} ${r.from}>${r.to} ${r.ok}`).sort(), [
      "icmp c1>c4 true", "icmp c4>c2 true", "icmp c4>server true", "tcp c1>c4 false", "tcp c4>c2 true", "tcp c4>server true",
    ]);
  });

  test("host b's ovn-controller stopped: the topology says so within seconds, host b still listed; an up starts it again", async () => {
    const daemonsOf = async (host: string) => (await server.get<Topology>("/api/topology")).body.hosts?.find((h) => h.name === host)?.daemons;
    assert.deepEqual(await daemonsOf("b"), { "ovsdb-server": true, "ovs-vswitchd": true, "ovn-controller": true });
    const pid = Number(readFileSync("/run/ovs-lab/mh/b/ovn-controller.pid", "utf8").trim());
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while ((await daemonsOf("b"))?.["ovn-controller"] !== false) {
      assert.ok(Date.now() < deadline, "host b's ovn-controller still shown running 10 s after it stopped");
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(await daemonsOf("a"), { "ovsdb-server": true, "ovs-vswitchd": true, "ovn-controller": true });
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec: spec([endpoint("c4", "container", "b", 11, { offload: { tx: false } })]) });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.deepEqual(up.body.topology.hosts?.find((h) => h.name === "b")?.daemons, { "ovsdb-server": true, "ovs-vswitchd": true, "ovn-controller": true });
    const { body } = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp"], pairs: [["c1", "c3"]], timeoutMs: 1500 });
    assert.deepEqual(body.results.map((r) => r.ok), [true]);
  });

  test("down leaves nothing: namespaces, daemons, OVN rows, underlay, veths, DPDK runtime dir", async () => {
    const down = await server.post("/api/lab/down");
    assert.equal(down.status, 200, JSON.stringify(down.body));
    assert.doesNotMatch(sh("ip", ["netns", "list"]), /ovshost-mh-|ovslab-mh-/);
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), /ovslab-mh|mh-c\d/);
    assert.doesNotMatch(sh("ovn-sbctl", ["show"]), /mh-a|mh-b/);
    assert.doesNotMatch(sh("ovs-vsctl", ["list-br"]), /mh_ul/);
    assert.doesNotMatch(sh("ip", ["-o", "link"]), /mh-|mh_u/);
    assert.doesNotMatch(sh("ps", ["-eo", "args"]), /\/run\/ovs-lab\/mh\//);
    assert.equal(existsSync("/run/ovs-lab/mh"), false);
    assert.equal(existsSync("/var/run/dpdk/ovslab-mh-b"), false);
  });

  test("a one-host spec under the same id replaces a lab across hosts: its hosts and OVN rows go", async () => {
    assert.equal((await server.post("/api/lab/up", { spec: spec() })).status, 200);
    const single = { id: LAB, bridge: { name: "mh_br", datapath: "netdev", address: "10.77.210.1/24" }, endpoints: [{ name: "c1", kind: "container", address: "10.77.210.8/24" }] };
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec: single });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    assert.equal(up.body.topology.hosts, undefined);
    assert.deepEqual(up.body.topology.endpoints.map((e) => e.name).sort(), ["c1", "host"]);
    assert.doesNotMatch(sh("ip", ["netns", "list"]), /ovshost-mh-/);
    assert.doesNotMatch(sh("ovn-nbctl", ["show"]), /ovslab-mh/);
    assert.doesNotMatch(sh("ovn-sbctl", ["show"]), /mh-a|mh-b/);
    assert.equal((await server.post("/api/lab/down")).status, 200);
  });
});
