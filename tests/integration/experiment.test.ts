import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { startTestServer, type TestServer } from "./harness";
import type { ExperimentRunState, VariantResult } from "../../lib/contracts/experiment";
import type { HostFacts } from "../../lib/contracts/host-facts";

const PREFIX = "xe";
let server: TestServer;
let host: HostFacts;
let current: string | null = null;

const VARIANTS = [
  "ovs-dpdk/containers/offload-on",
  "ovs-userspace/containers/offload-off",
  "ovs-userspace/netns/offload-on",
  "linux-bridge/containers/offload-on",
  "ovs-kernel/containers/offload-on",
  // Last in the table's order: lab xe5 on 10.77.45.0/24, its hosts' underlay on 10.77.65.0/24 (45 + 20).
  "ovn-geneve/containers/offload-on",
];
const ENDPOINTS = ["host", "c1", "c2", "server"];
const tcpPairsWithContainer = ENDPOINTS.flatMap((a) => ENDPOINTS.filter((b) => b !== a).map((b) => [a, b]))
  .filter(([a, b]) => [a, b].some((n) => n === "c1" || n === "c2"))
  .map(([a, b]) => `tcp ${a}>${b}`)
  .sort();

async function runExperiment(body: Record<string, unknown> = {}): Promise<ExperimentRunState> {
  const start = await server.post<ExperimentRunState>("/api/experiments", {
    only: VARIANTS, protocols: ["icmp", "tcp"], timeoutMs: 300, labIdPrefix: PREFIX, firstSubnet: "10.77.40", ...body,
  });
  assert.equal(start.status, 200, JSON.stringify(start.body));
  current = start.body.id;
  assert.equal((await server.post("/api/experiments", { only: VARIANTS, labIdPrefix: PREFIX, firstSubnet: "10.77.40" })).status, 409);
  const deadline = Date.now() + 240_000;
  for (;;) {
    const { body } = await server.get<ExperimentRunState>(`/api/experiments/${start.body.id}`);
    if (body.finishedAt) return (current = null), body;
    assert.ok(Date.now() < deadline, "the experiment did not finish in 4 minutes");
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** On failure: cancel a running experiment (its variant in flight tears down), then sweep anything named after the prefix. */
async function cleanUp(): Promise<void> {
  if (current) {
    await server.post(`/api/experiments/${current}/cancel`).catch(() => undefined);
    for (let i = 0; i < 120; i++) {
      const { body } = await server.get<ExperimentRunState>(`/api/experiments/${current}`).catch(() => ({ body: { finishedAt: "gone" } as ExperimentRunState }));
      if (body.finishedAt) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const run = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { stdio: "ignore" });
    } catch {
      /* already gone */
    }
  };
  for (const line of leftovers()) {
    const name = line.split(" ")[0];
    if (line.startsWith("-A FORWARD")) run("iptables", ["-D", ...line.split(" ").slice(1).map((a) => a.replace(/^"(.*)"$/, "$1"))]);
    else if (name.startsWith("ovslab-")) {
      run("docker", ["rm", "-f", name]);
      run("ip", ["netns", "del", name]);
    } else run("ip", ["link", "del", /^\d+: ([^:@]+)/.exec(line)?.[1] ?? name]);
  }
  for (const br of execFileSync("ovs-vsctl", ["list-br"], { encoding: "utf8" }).split("\n").filter((b) => b.startsWith(PREFIX))) run("ovs-vsctl", ["--if-exists", "del-br", br]);
}

function leftovers(): string[] {
  const text = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8" });
  return [
    ...text("ip", ["-o", "link", "show"]).split("\n").filter((l) => new RegExp(`: ${PREFIX}[0-9a-f][-_]`).test(l)),
    ...text("ip", ["netns", "list"]).split("\n").filter((l) => l.startsWith(`ovslab-${PREFIX}`)),
    ...text("docker", ["ps", "-a", "--format", "{{.Names}}"]).split("\n").filter((l) => l.startsWith(`ovslab-${PREFIX}`)),
    ...text("iptables", ["-S", "FORWARD"]).split("\n").filter((l) => l.includes(`ovs-lab:${PREFIX}`)),
    // The OVN variant's simulated hosts, their daemons' run directories and its logical switch.
    ...text("ip", ["netns", "list"]).split("\n").filter((l) => l.startsWith(`ovshost-${PREFIX}`)),
    ...(existsSync("/run/ovs-lab") ? readdirSync("/run/ovs-lab").filter((d) => d.startsWith(PREFIX)).map((d) => `/run/ovs-lab/${d}`) : []),
    ...text("ovn-nbctl", ["ls-list"]).split("\n").filter((l) => l.includes(`ovslab-${PREFIX}`)),
  ];
}

describe("the seed's A/B experiment, automated, on this host", () => {
  let state: ExperimentRunState;
  const row = (id: string): VariantResult => state.variants.find((v) => v.variant.id === id)!;

  before(async () => {
    server = await startTestServer("xh", 3403);
    host = (await server.get<{ host: HostFacts }>("/api/health")).body.host;
    state = await runExperiment();
  });
  after(async () => {
    if (server) await cleanUp();
    await server?.stop();
  });

  test("OVS userspace, with or without DPDK, containers or namespaces, offload on: TCP fails for exactly the pairs with c1 or c2", () => {
    for (const id of ["ovs-dpdk/containers/offload-on", "ovs-userspace/netns/offload-on"]) {
      const r = row(id);
      if (id.startsWith("ovs-dpdk") && !host.dpdk.available) {
        assert.equal(r.status, "not-runnable");
        continue;
      }
      assert.equal(r.status, "done", `${id}: ${r.reason}`);
      assert.deepEqual(r.failing, tcpPairsWithContainer, id);
      assert.deepEqual(r.tally.icmp, { ok: 12, total: 12 });
      assert.equal(r.explanation?.pair, "tcp c1>c2");
      assert.equal(r.explanation?.cause, "checksum-offload", r.explanation?.headline);
      assert.match(r.explanation!.headline, /c[12]:eth0 has TX checksum offload on/);
    }
  });

  test("containers on two hosts over OVN/Geneve, offload on: TCP fails for every pair (each has c1 or c2), across the tunnel too, explained", () => {
    const r = row("ovn-geneve/containers/offload-on");
    assert.equal(r.status, "done", `${r.reason} ${r.notes.join(" ")}`);
    assert.equal(r.labId, "xe5");
    assert.match(r.notes.join(" "), /hosts a \(10\.77\.65\.1\/24\), b \(10\.77\.65\.2\/24\).*c1 on a, c2 on b, server on b/);
    const eps = ["c1", "c2", "server"];
    assert.deepEqual(r.failing, eps.flatMap((a) => eps.filter((b) => b !== a).map((b) => `tcp ${a}>${b}`)).sort());
    assert.deepEqual(r.tally.icmp, { ok: 6, total: 6 });
    // The receiver's kernel counts the bad checksum: c1 -> c2 crosses from host a to host b.
    assert.equal(r.results.find((x) => x.protocol === "tcp" && x.from === "c1" && x.to === "c2")?.error, "bad-checksum");
    assert.equal(r.explanation?.pair, "tcp c1>c2", r.notes.join(" "));
    assert.equal(r.explanation?.cause, "checksum-offload", r.explanation?.headline);
    assert.match(r.explanation!.headline, /c[12]:eth0 has TX checksum offload on/);
  });

  test("offload off: every pair works", () => {
    const r = row("ovs-userspace/containers/offload-off");
    assert.equal(r.status, "done", r.reason);
    assert.deepEqual(r.failing, []);
  });

  test("Linux bridge: works, with the iptables interaction handled and reported", () => {
    const r = row("linux-bridge/containers/offload-on");
    assert.equal(r.status, "done", r.reason);
    assert.deepEqual(r.failing, []);
    if (host.bridgeNetfilter.callIptables && host.bridgeNetfilter.forwardPolicy === "DROP")
      assert.match(r.notes.join(" "), /FORWARD policy is DROP.*removed it at teardown/);
  });

  test("Linux bridge with the iptables interaction left alone: endpoint pairs fail and the explanation names br_netfilter + FORWARD DROP", async (t) => {
    if (!(host.bridgeNetfilter.callIptables && host.bridgeNetfilter.forwardPolicy === "DROP")) return t.skip("this host does not filter bridged traffic");
    const left = await runExperiment({ only: ["linux-bridge/netns/offload-on"], bridgeNetfilter: "leave" });
    const r = left.variants[0];
    assert.equal(r.status, "done", r.reason);
    assert.ok(r.failing.includes("tcp c1>c2"));
    assert.ok(!r.failing.some((p) => p.includes("host")), "the bridge's own address is not forwarded, so host pairs work");
    assert.equal(r.explanation?.cause, "bridge-netfilter", r.explanation?.headline);
    assert.ok(r.explanation?.evidence.includes("iptables -P FORWARD DROP"));
  });

  test("the OVS kernel datapath is reported not runnable with the host's reason, never faked", () => {
    const r = row("ovs-kernel/containers/offload-on");
    if (host.kernelDatapath.available) return assert.equal(r.status, "done");
    assert.equal(r.status, "not-runnable");
    assert.ok(r.reason?.includes(host.kernelDatapath.reason!), r.reason);
    assert.deepEqual(r.results, []);
  });

  test("every lab, bridge, namespace, container and iptables rule the experiment made is gone", () => {
    assert.deepEqual(leftovers(), []);
    const bridges = execFileSync("ovs-vsctl", ["list-br"], { encoding: "utf8" }).split("\n").filter((b) => b.startsWith(PREFIX));
    assert.deepEqual(bridges, []);
  });

  test("bad requests are refused", async () => {
    assert.equal((await server.post("/api/experiments", { switches: ["vpp"] })).status, 400);
    assert.equal((await server.post("/api/experiments", { labIdPrefix: "X;" })).status, 400);
    assert.equal((await server.post("/api/experiments", { firstSubnet: "10.77.250" })).status, 400);
    assert.equal((await server.get("/api/experiments/nope")).status, 400);
  });
});
