import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, projectRoot, type TestServer } from "./harness";
import { containersLab } from "../../server/lab/derived-labs";
import { AgentProcess } from "../../server/probes/agent-process";
import { agentScript } from "../../server/probes/agent-bundle";
import { runMatrix } from "../../server/matrix/run-matrix";
import type { MatrixAnswer } from "../../lib/contracts/api-routes";
import type { Topology } from "../../lib/contracts/topology";

type Row = MatrixAnswer["results"][number];

/**
 * What the seed's bug does to a TCP or UDP probe from `from` to `to`, from the offload the topology
 * reads (never assumed): the first packet (SYN, datagram) leaves with an unfinished checksum when
 * the sender's TX offload is on, and its receiver drops it; else the reply does when the responder's
 * is on, and the original sender drops it; with both off the probe works.
 */
function predictedDropper(txOn: (name: string) => boolean, from: string, to: string): string | null {
  if (txOn(from)) return to;
  if (txOn(to)) return from;
  return null;
}

/** The TX offload of each endpoint's sending interface: its eth0, or the bridge's internal port for "host". */
function txOffload(t: Topology): (name: string) => boolean {
  return (name) => {
    const iface = t.interfaces.find((i) => (name === "host" ? i.owner === "host" && i.role === "bridge-internal" : i.id === `${name}:eth0`));
    assert.ok(iface?.offload.tx, `no TX offload reading for ${name}`);
    return iface.offload.tx.on;
  };
}

/**
 * A TCP probe whose sender has TX offload on, blamed on the sender for the SYN/ACK (the responder's
 * offload on too): the SYN's unfinished sum was right by chance. The field holds the pseudo-header's
 * sum, and the segment's own sum (random sequence number and timestamps) makes the total right for
 * one SYN in 65,536; the receiver then takes it, and its SYN/ACK, unfinished too, dies at the sender.
 * The verdict names the packet that really died; such cells are allowed, and counted.
 */
function luckySyn(r: Row, txOn: (name: string) => boolean): boolean {
  return r.protocol === "tcp" && txOn(r.from) && txOn(r.to) && r.error === "bad-checksum" && r.droppedBy === r.from && r.evidence?.packet?.kind === "SYN/ACK";
}

/** Every wrong cell, in words: an empty list is the pass. */
function wrongCells(rows: Row[], txOn: (name: string) => boolean): string[] {
  const wrong: string[] = [];
  const lucky = rows.filter((r) => luckySyn(r, txOn));
  // About one in 65,536 SYNs: more than two in a run is not luck.
  if (lucky.length > 2) wrong.push(`${lucky.length} SYNs passed their receiver with an unfinished sum in one run`);
  for (const r of rows) {
    const cell = `${r.protocol} ${r.from}>${r.to}`;
    if (r.protocol === "icmp") {
      if (!r.ok) wrong.push(`${cell}: ICMP failed (${r.error})`);
      continue;
    }
    const dropper = predictedDropper(txOn, r.from, r.to);
    const counter = r.protocol === "tcp" ? "Tcp InCsumErrors" : "Udp InCsumErrors";
    if (dropper === null) {
      if (!r.ok) wrong.push(`${cell}: expected to work, got ${r.error} (${r.detail ?? ""})`);
    } else if (luckySyn(r, txOn)) {
      continue;
    } else if (r.ok || r.error !== "bad-checksum" || r.droppedBy !== dropper) {
      wrong.push(`${cell}: expected bad-checksum at ${dropper}, got ${r.ok ? "ok" : `${r.error} at ${r.droppedBy ?? "?"}`} (${r.detail ?? ""})`);
    } else if (r.evidence?.counter !== counter || r.evidence.endpoint !== dropper || !(r.evidence.delta >= 1)) {
      wrong.push(`${cell}: evidence ${JSON.stringify(r.evidence)}`);
    }
  }
  return wrong;
}

const failing = (rows: Row[]) => rows.filter((r) => !r.ok).length;

describe("evidence-based verdicts on the seed lab (real OVS userspace + DPDK + Docker)", () => {
  const LAB = "ev";
  let server: TestServer;
  const run = async () => (await server.api.matrixRun({ body: { timeoutMs: 1000 } })).results;
  const setTx = (id: string, on: boolean) => server.api.offloadSet({ params: { id }, body: { tx: on } });
  const topology = () => server.api.topology();

  before(async () => {
    server = await startTestServer(LAB, 3400);
    await server.api.labUp({ body: { spec: seedSpec(LAB, "10.77.170") } });
    await run(); // agents up, ARP caches warm
  });
  after(async () => {
    await server?.stop();
  });

  test("both containers offloading: the 20 failing TCP/UDP cells say bad-checksum and name the kernel that dropped the packet", async (t) => {
    const topo = await topology();
    const txOn = txOffload(topo);
    assert.equal(txOn("c1"), true);
    assert.equal(txOn("c2"), true);
    assert.equal(txOn("server"), false, "the server's eth0 has TX offload off by the spec");
    const started = Date.now();
    const rows = await run();
    t.diagnostic(`full matrix in ${Date.now() - started} ms; host's internal port TX offload: ${txOn("host")}`);
    assert.equal(rows.length, 36);
    assert.deepEqual(wrongCells(rows, txOn), []);
    assert.equal(failing(rows), 20);
    const c1c2 = rows.find((r) => r.protocol === "tcp" && r.from === "c1" && r.to === "c2");
    // The SYN itself was seen arriving at c2 with a sum that is not the right one.
    const { packet, ...counter } = c1c2?.evidence ?? {};
    assert.deepEqual(counter, { counter: "Tcp InCsumErrors", endpoint: "c2", delta: 1 });
    assert.equal(packet?.kind, "SYN");
    assert.match(packet?.checksum ?? "", /^0x[0-9a-f]{4}$/);
    assert.match(packet?.expected ?? "", /^0x[0-9a-f]{4}$/);
    assert.notEqual(packet?.checksum, packet?.expected);
    assert.match(c1c2?.detail ?? "", /^c2's kernel dropped the SYN for a bad checksum/);
  });

  for (const [only, off] of [["c1", "c2"], ["c2", "c1"]] as const) {
    test(`only ${only} offloading: its pairs fail, and the responder's reply is blamed on the sender that dropped it`, async () => {
      await setTx(`${off}:eth0`, false);
      await setTx(`${only}:eth0`, true);
      const txOn = txOffload(await topology());
      assert.equal(txOn(off), false);
      for (let i = 0; i < 2; i++) {
        const rows = await run();
        assert.deepEqual(wrongCells(rows, txOn), []);
        assert.equal(failing(rows), 12);
        // off>only: the SYN/ACK (echo reply) from `only` is dropped by `off`.
        const back = rows.find((r) => r.protocol === "udp" && r.from === off && r.to === only);
        assert.equal(back?.droppedBy, off);
        assert.match(back?.detail ?? "", /dropped the echo reply/);
      }
    });
  }

  test("a port nobody listens on says refused where the checksums are whole, and bad-checksum where they are not", async () => {
    await setTx("c1:eth0", false);
    await setTx("c2:eth0", false);
    const PORT = 47_190;
    const topo = await topology();
    const endpoints = labEndpoints(topo, LAB);
    // Agents of the test's own (another echo port) beside the server's, in the same namespaces.
    const script = await agentScript(projectRoot);
    const agents = new Map<string, AgentProcess>();
    try {
      for (const e of endpoints)
        agents.set(e.name, await AgentProcess.start({ endpoint: e.name, key: e.name, script, netns: e.netns, bind: e.ipv4, port: PORT + 1, onLinksChanged: () => undefined }));
      const closed = await runMatrix(endpoints, { agents, failures: new Map() }, { protocols: ["tcp", "udp"], timeoutMs: 1000, port: PORT });
      assert.equal(closed.results.length, 24);
      assert.deepEqual(closed.results.filter((r) => r.error !== "refused").map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error}`), []);
      await setTx("c1:eth0", true);
      const mixed = await runMatrix(endpoints, { agents, failures: new Map() }, { protocols: ["tcp", "udp"], timeoutMs: 1000, port: PORT });
      const verdicts = mixed.results.map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.error === "bad-checksum" ? `bad-checksum at ${r.droppedBy}` : r.error}`);
      // c1's SYN (datagram) is dropped by its receiver before any socket lookup; the RST and the ICMP
      // port unreachable that answer c1 are made whole by the kernel, offload or not.
      const expected = mixed.results.map((r) => `${r.protocol} ${r.from}>${r.to}: ${r.from === "c1" ? `bad-checksum at ${r.to}` : "refused"}`);
      assert.deepEqual(verdicts, expected);
    } finally {
      for (const a of agents.values()) a.stop();
    }
  });

  test("a stopped container is left out of the run as before, and the other cells keep their verdicts", async () => {
    await setTx("c1:eth0", true);
    await setTx("c2:eth0", true);
    execFileSync("docker", ["stop", "-t", "1", `ovslab-${LAB}-c2`]);
    try {
      const deadline = Date.now() + 5000;
      while ((await topology()).endpoints.find((e) => e.name === "c2")?.state !== "stopped") {
        assert.ok(Date.now() < deadline, "c2 not seen stopped within 5 s");
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = await run();
      assert.equal(rows.length, 18);
      assert.deepEqual(rows.filter((r) => r.from === "c2" || r.to === "c2"), []);
      assert.deepEqual(wrongCells(rows, txOffload(await topology())), []);
    } finally {
      await server.api.labUp({ body: { spec: seedSpec(LAB, "10.77.170") } });
    }
    assert.equal((await run()).length, 36);
  });
});

describe("evidence-based verdicts on 20 containers and the host, offload set at random", () => {
  const LAB = "ew";
  const COUNT = 20;
  let server: TestServer;

  before(async () => {
    server = await startTestServer(LAB, 3401);
    await server.api.labUp({ body: { spec: containersLab(LAB, "10.77.171", COUNT, { hostEndpoint: true }) } });
  });
  after(async () => {
    await server?.stop();
  });

  test("every failing cell names the endpoint the physics predicts, five runs in a row, none wrong", async (t) => {
    let seed = 20_261_125;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let i = 1; i <= COUNT; i++) await server.api.offloadSet({ params: { id: `c${i}:eth0` }, body: { tx: random() < 0.5 } });
    const txOn = txOffload(await server.api.topology());
    const on = Array.from({ length: COUNT }, (_, i) => `c${i + 1}`).filter(txOn);
    t.diagnostic(`offload on: ${on.join(" ")}; host: ${txOn("host")}`);
    assert.ok(on.length > 3 && on.length < COUNT - 3, `a fixed seed gave ${on.length} of ${COUNT}: pick another`);
    await server.api.matrixRun({ body: { protocols: ["icmp"] } }); // ARP caches warm
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const rows = (await server.api.matrixRun({ body: { timeoutMs: 1000 } })).results;
      t.diagnostic(`run ${i + 1}: ${rows.length} results, ${failing(rows)} failing, ${Date.now() - started} ms`);
      assert.equal(rows.length, 3 * (COUNT + 1) * COUNT);
      assert.deepEqual(wrongCells(rows, txOn), [], `run ${i + 1}`);
    }
  });
});

/** The lab's endpoints as agents need them: address and network namespace (containers by pid, netns by name). */
type LabEndpoint = { name: string; ipv4: string; netns: string | null };
function labEndpoints(t: Topology, labId: string): LabEndpoint[] {
  return t.endpoints.flatMap((e): LabEndpoint[] => {
    if (!e.ipv4 || e.state !== "running") return [];
    if (e.name === "host") return [{ name: e.name, ipv4: e.ipv4, netns: null }];
    if (e.kind === "container") {
      const pid = execFileSync("docker", ["inspect", "-f", "{{.State.Pid}}", `ovslab-${labId}-${e.name}`], { encoding: "utf8" }).trim();
      return [{ name: e.name, ipv4: e.ipv4, netns: `/proc/${pid}/ns/net` }];
    }
    return [{ name: e.name, ipv4: e.ipv4, netns: `/run/netns/ovslab-${labId}-${e.name}` }];
  });
}
