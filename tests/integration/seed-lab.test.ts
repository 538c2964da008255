import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { seedSpec, startTestServer, type TestServer } from "./harness";
import type { Topology } from "../../lib/contracts/topology";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import type { MatrixRunSummary, ProbeResult } from "../../lib/contracts/matrix";

interface Row { from: string; to: string; protocol: string; ok: boolean; rttMs: number | null; error: string | null }
const LAB = "it1";
let server: TestServer;

const failingPairs = async (): Promise<string[]> => {
  // A generous timeout: these tests assert the table, the benchmark measures speed.
  const { status, body } = await server.post<{ results: Row[] }>("/api/matrix", { timeoutMs: 1000 });
  assert.equal(status, 200);
  assert.equal(body.results.length, 36);
  return body.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`).sort();
};
const withContainer = (names: string[]) => (p: string) => names.some((n) => p.split(" ")[1].split(">").includes(n));
const allPairs = (protocols: string[]) => {
  const eps = ["host", "c1", "c2", "server"];
  return protocols.flatMap((p) => eps.flatMap((a) => eps.filter((b) => b !== a).map((b) => `${p} ${a}>${b}`))).sort();
};

describe("the seed lab on real OVS userspace + DPDK + Docker", () => {
  before(async () => {
    server = await startTestServer(LAB, 3911);
    const up = await server.post<{ topology: Topology }>("/api/lab/up", { spec: seedSpec(LAB, "10.77.1") });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    await server?.stop();
  });

  test("discovery finds the host, both containers, the server, the bridge and the DPDK port", async () => {
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.deepEqual(t.endpoints.map((e) => e.name).sort(), ["c1", "c2", "host", "server"]);
    assert.equal(t.bridge?.name, `${LAB}_br`);
    assert.equal(t.bridge?.datapathType, "netdev");
    const dpdk = t.bridge?.ports.find((p) => p.type === "dpdk");
    assert.equal(dpdk?.linkState, "up");
    assert.equal(dpdk?.dpdk?.driver, "net_af_packet");
    const c1 = t.interfaces.find((i) => i.id === "c1:eth0");
    assert.equal(c1?.peerId, `host:${LAB}-c1`);
    assert.equal(c1?.offload.tx?.on, true);
    assert.equal(t.interfaces.find((i) => i.id === "server:eth0")?.offload.tx?.on, false);
  });

  test("a container's namespace is its own: loopback up, its lab link, IPv6 off, localhost named, no Docker network sandbox", () => {
    const container = `ovslab-${LAB}-c1`;
    const pid = execFileSync("docker", ["inspect", "-f", "{{.State.Pid}}", container], { encoding: "utf8" }).trim();
    const links = JSON.parse(execFileSync("nsenter", ["-t", pid, "-n", "ip", "-json", "link", "show"], { encoding: "utf8" })) as { ifname: string; flags: string[] }[];
    assert.deepEqual(links.map((l) => l.ifname).sort(), ["eth0", "lo"]);
    assert.ok(links.find((l) => l.ifname === "lo")?.flags.includes("UP"), "loopback is up");
    // A kernel booted without IPv6 has none to turn off.
    for (const key of existsSync("/proc/sys/net/ipv6") ? ["all", "default", "eth0"] : []) {
      const value = execFileSync("nsenter", ["-t", pid, "-n", "cat", `/proc/sys/net/ipv6/conf/${key}/disable_ipv6`], { encoding: "utf8" }).trim();
      assert.equal(value, "1", `IPv6 ${key} in ${container}`);
    }
    assert.notEqual(execFileSync("readlink", [`/proc/${pid}/ns/net`], { encoding: "utf8" }), execFileSync("readlink", ["/proc/self/ns/net"], { encoding: "utf8" }));
    assert.equal(execFileSync("docker", ["inspect", "-f", "{{.NetworkSettings.SandboxKey}}", container], { encoding: "utf8" }).trim(), "");
    // Without Docker's network stack, the image's own /etc/hosts names localhost (a terminal's `ping localhost`).
    execFileSync("docker", ["exec", container, "ping", "-c", "1", "-W", "1", "localhost"]);
  });

  test("a second up changes nothing and still works", async () => {
    const again = await server.post("/api/lab/up", { spec: seedSpec(LAB, "10.77.1") });
    assert.equal(again.status, 200);
  });

  test("the seed's table: ICMP everywhere, TCP and UDP only host<->server", async () => {
    const expected = allPairs(["tcp", "udp"]).filter(withContainer(["c1", "c2"]));
    assert.deepEqual(await failingPairs(), expected);
  });

  test("tx offload off in both containers: every pair works; on again in c1 breaks exactly c1's pairs", async () => {
    for (const id of ["c1:eth0", "c2:eth0"]) {
      const r = await server.post<{ offload: { tx: { on: boolean } } }>(`/api/interfaces/${id}/offload`, { tx: false });
      assert.equal(r.status, 200);
      assert.equal(r.body.offload.tx.on, false);
    }
    assert.deepEqual(await failingPairs(), []);
    await server.post("/api/interfaces/c1:eth0/offload", { tx: true });
    assert.deepEqual(await failingPairs(), allPairs(["tcp", "udp"]).filter(withContainer(["c1"])));
  });

  test("a chosen subset of pairs runs alone; an unknown endpoint in a pair is a 400", async () => {
    const some = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp", "tcp"], pairs: [["host", "server"], ["c1", "c2"]], timeoutMs: 1000 });
    assert.equal(some.status, 200);
    // c1 still has TX offload on from the test before.
    assert.deepEqual(some.body.results.map((r) => `${r.protocol} ${r.from}>${r.to} ${r.ok}`).sort(), [
      "icmp c1>c2 true", "icmp host>server true", "tcp c1>c2 false", "tcp host>server true",
    ]);
    const bad = await server.post<{ error: { message: string } }>("/api/matrix", { pairs: [["c1", "nope"]] });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /unknown pair\(s\) c1>nope/);
  });

  test("an offload change with retest over the socket: the server tests exactly the changed endpoint's pairs again, with the new physics", { timeout: 20_000 }, async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(server.url, { auth: { token: server.token }, transports: ["websocket"] });
    try {
      await new Promise<void>((resolve, reject) => (socket.once("connect", resolve), socket.once("connect_error", reject)));
      const results: ProbeResult[] = [];
      const finished = new Promise<MatrixRunSummary>((resolve) => {
        let runId = "";
        socket.on("matrix:started", (run) => (runId ||= run.runId));
        socket.on("matrix:results", (batch) => results.push(...batch.filter((r) => r.runId === runId)));
        socket.on("matrix:finished", (run) => run.runId === runId && resolve(run));
      });
      // c1's offload is on from the tests before, c2's off: turning c1's off makes every pair work.
      const answer = await new Promise<Parameters<Parameters<ClientToServerEvents["offload:set"]>[1]>[0]>((resolve) =>
        socket.emit("offload:set", { interfaceId: "c1:eth0", changes: { tx: false }, retest: true }, resolve),
      );
      assert.ok(answer.ok, JSON.stringify(answer));
      assert.equal(answer.value.offload.tx?.on, false);
      const run = await finished;
      assert.equal(run.total, 18, "3 protocols for the 6 ordered pairs with c1");
      assert.deepEqual(results.filter((r) => !r.from.includes("c1") && !r.to.includes("c1")), [], "only c1's pairs");
      assert.deepEqual(results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to} ${r.error}`), [], "with c1's offload off, all of them work");
      assert.equal(results.length, 18);
    } finally {
      socket.disconnect();
    }
  });

  test("a port added with ovs-vsctl and a container stopped with docker are seen without asking", async () => {
    const stray = `${LAB}-extra`;
    execFileSync("ip", ["link", "add", stray, "type", "veth", "peer", "name", `${LAB}-extrp`]);
    try {
      execFileSync("ovs-vsctl", ["add-port", `${LAB}_br`, stray]);
      await waitFor(async () => (await server.get<Topology>("/api/topology")).body.bridge?.ports.some((p) => p.name === stray) ?? false);
      execFileSync("docker", ["stop", "-t", "1", `ovslab-${LAB}-c2`]);
      await waitFor(async () => (await server.get<Topology>("/api/topology")).body.endpoints.find((e) => e.name === "c2")?.state === "stopped");
    } finally {
      execFileSync("ovs-vsctl", ["--if-exists", "del-port", `${LAB}_br`, stray]);
      execFileSync("ip", ["link", "del", stray]);
    }
    // An offload changed by hand inside a running container is seen too (FEATURE CHANGE in its namespace).
    const pid = execFileSync("docker", ["inspect", "-f", "{{.State.Pid}}", `ovslab-${LAB}-c1`], { encoding: "utf8" }).trim();
    const before = (await server.get<Topology>("/api/topology")).body.interfaces.find((i) => i.id === "c1:eth0")?.offload.tx?.on;
    execFileSync("nsenter", ["-t", pid, "-n", "ethtool", "-K", "eth0", "tx", before ? "off" : "on"]);
    await waitFor(async () => (await server.get<Topology>("/api/topology")).body.interfaces.find((i) => i.id === "c1:eth0")?.offload.tx?.on === !before);
    // up repairs the stopped container: started again, new veth, back on the bridge.
    assert.equal((await server.post("/api/lab/up", { spec: seedSpec(LAB, "10.77.1") })).status, 200);
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.equal(t.endpoints.find((e) => e.name === "c2")?.state, "running");
    // Repaired means reachable again, not just running: the bridge port opened the new veth.
    const ping = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp"], timeoutMs: 1000 });
    assert.deepEqual(ping.body.results.filter((r) => !r.ok).map((r) => `${r.from}>${r.to}`), []);
  });

  test("the server's namespace rebuilt by hand is repaired by up, DPDK port included", async () => {
    execFileSync("ip", ["netns", "del", `ovslab-${LAB}-server`]);
    assert.equal((await server.post("/api/lab/up", { spec: seedSpec(LAB, "10.77.1") })).status, 200);
    const ping = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp"], pairs: [["host", "server"], ["server", "c1"]], timeoutMs: 1000 });
    assert.deepEqual(ping.body.results.map((r) => `${r.from}>${r.to} ${r.ok}`).sort(), ["host>server true", "server>c1 true"]);
  });
});

/** GET /api/topology reads the cache the watchers keep fresh, so this measures the watchers, within 1 s. */
async function waitFor(check: () => Promise<boolean>, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
