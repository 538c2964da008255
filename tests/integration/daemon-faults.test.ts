import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import type { MatrixAnswer } from "../../lib/contracts/api-routes";
import type { NetInterface, Topology } from "../../lib/contracts/topology";
import type { DaemonHealthSnapshot, DaemonName } from "../../lib/contracts/daemon-health";
import { startTestServer, type TestServer } from "./harness";
import { startPrivateDaemons, type PrivateDaemons } from "./private-daemons";
import { faultLab, rightWithin, within } from "./private/fault-checks";
import { sleep } from "./private/processes";

/**
 * Daemons come and go under a running ovs-lab: a private ovsdb-server + ovs-vswitchd pair and a private
 * dockerd that these tests kill and start again, never the main ones. For each fault: the server keeps
 * answering (no crash, no hang), and within 10 s of the daemon's return the topology is right and a
 * full matrix passes, without restarting ovs-lab. Lab fx, port 3970, 10.77.130.0/24 (+ 10.77.139.0/30 link).
 */
const LAB = "fx";
const PORT = 3970;
const spec = faultLab(LAB, "10.77.130");
const RECOVERY_MS = 10_000;
let daemons: PrivateDaemons | undefined;
let server: TestServer | undefined;

/** Interrupted (Ctrl-C), the run still removes what it made; a SIGKILLed one is swept by the next run. */
const onSignal = (signal: NodeJS.Signals) => void daemons?.cleanup().finally(() => process.exit(signal === "SIGINT" ? 130 : 143));

before(async () => {
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    daemons = await startPrivateDaemons({ hostCidr: "10.77.139.1/30", nsCidr: "10.77.139.2/30" });
    daemons.netns.forward(PORT);
    server = await startTestServer(LAB, PORT, { ...daemons.env, HOST: "0.0.0.0" }, { netns: daemons.netns.path });
    const up = await server.post("/api/lab/up", { spec });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    await rightWithin(server, spec, 20_000);
  } catch (err) {
    await server?.stop().catch(() => undefined);
    await daemons?.cleanup();
    throw err;
  }
});

after(async () => {
  process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  await server?.stop().catch((err: Error) => console.warn(`[fault-test] stopping the server: ${err.message}`));
  await daemons?.cleanup();
});

/** A case that failed half-way leaves its daemon down: the next case starts from all three up. */
afterEach(async () => {
  for (const d of [daemons!.ovsdb, daemons!.vswitchd, daemons!.dockerd]) if (!(await d.pid())) await d.start();
});

/**
 * Health answers (200, or 503 while a daemon is down) and, where it reports daemons, names `daemon`
 * as down (or no daemon as down) within `ms`: the probe looks every 2 s, a lost OVSDB connection at once.
 */
async function healthShows(s: TestServer, daemon: DaemonName, down: boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const h = await within(5000, "GET /api/health", s.get<{ daemons?: DaemonHealthSnapshot }>("/api/health"));
    assert.ok(h.status === 200 || h.status === 503, `health ${h.status} ${JSON.stringify(h.body)}`);
    const daemons = h.body.daemons;
    if (!daemons || daemons.down.includes(daemon) === down) return;
    assert.ok(Date.now() < deadline, `health did not report ${daemon} ${down ? "down" : "up"} within ${ms} ms: ${JSON.stringify(daemons)}`);
    await sleep(200);
  }
}

/**
 * While a daemon is away the server says so on health, and a matrix run ends in bounded time: with
 * error cells, or refused (409: the lab's containers are gone; 503: a daemon it needs is away), never a 5xx crash.
 */
async function stillAnswers(s: TestServer, daemon: DaemonName): Promise<MatrixAnswer> {
  await healthShows(s, daemon, true);
  const run = await within(20_000, `${daemon} down: POST /api/matrix`, s.post<MatrixAnswer>("/api/matrix", { protocols: ["icmp", "tcp"], timeoutMs: 500 }));
  assert.ok([200, 409, 503].includes(run.status), `${daemon} down: matrix ${run.status} ${JSON.stringify(run.body)}`);
  return run.body;
}

test("ovsdb-server killed during a matrix run and started again", async () => {
  const s = server!;
  const running = s.post<MatrixAnswer>("/api/matrix", { protocols: ["icmp", "tcp", "udp"], timeoutMs: 1000 });
  await sleep(150);
  await daemons!.ovsdb.kill("SIGKILL");
  const during = await within(20_000, "the run in flight", running);
  assert.equal(during.status, 200, JSON.stringify(during.body));
  await stillAnswers(s, "ovsdb-server");
  // An offload change needs only ethtool: it still works, and says what it did.
  const toggled = await within(5000, "an offload change while ovsdb-server is down", s.post<NetInterface>(`/api/interfaces/host:${spec.bridge.name}/offload`, { tx: false }));
  assert.equal(toggled.status, 200, JSON.stringify(toggled.body));
  assert.equal(toggled.body.offload.tx?.on, false);
  // A change that needs OVSDB fails at once and names the socket, no 5 s timeout.
  const started = Date.now();
  const up = await within(5000, "lab up while ovsdb-server is down", s.post<{ error: { message: string } }>("/api/lab/up", { spec }));
  assert.equal(up.status, 503, JSON.stringify(up.body));
  assert.match(up.body.error.message, new RegExp(`ovsdb-server is not answering at ${daemons!.env.OVSLAB_OVSDB_SOCKET}`));
  assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);
  await daemons!.ovsdb.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] ovsdb-server back: lab right after ${took} ms`);
  await healthShows(s, "ovsdb-server", false, Math.max(1000, RECOVERY_MS - took));
  // Live updates resumed: the monitor is back, a port added by hand shows up, and goes again.
  await daemons!.vsctl(["add-port", spec.bridge.name, "fxprobe", "--", "set", "Interface", "fxprobe", "type=internal"]);
  await portShows(s, "fxprobe", true);
  await daemons!.vsctl(["del-port", spec.bridge.name, "fxprobe"]);
  await portShows(s, "fxprobe", false);
});

/** The server's topology has (or no longer has) this bridge port within 3 s, by its watchers alone. */
async function portShows(s: TestServer, port: string, present: boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const topo = await s.get<Topology>("/api/topology");
    if (topo.body.bridge?.ports.some((p) => p.name === port) === present) return;
    assert.ok(Date.now() < deadline, `port ${port} ${present ? "never showed up" : "never went"} in the topology`);
    await sleep(100);
  }
}

test("ovs-vswitchd killed and brought back", async () => {
  const s = server!;
  await daemons!.vswitchd.kill("SIGKILL");
  const run = await stillAnswers(s, "ovs-vswitchd");
  assert.ok(run.results?.some((r) => !r.ok), "with the switch gone some probes fail");
  await daemons!.vswitchd.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] ovs-vswitchd back: lab right after ${took} ms`);
  await healthShows(s, "ovs-vswitchd", false, Math.max(1000, RECOVERY_MS - took));
});

test("dockerd restarted with the lab's containers running", async () => {
  const s = server!;
  const c1 = await daemons!.docker.getContainer(`ovslab-${LAB}-c1`).inspect();
  assert.equal(c1.State.Running, true);
  await daemons!.dockerd.kill("SIGTERM");
  await stillAnswers(s, "dockerd");
  await sleep(1000);
  await daemons!.dockerd.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] dockerd back: lab right after ${took} ms`);
  await healthShows(s, "dockerd", false, Math.max(1000, RECOVERY_MS - took));
  // Right because the lab was repaired, not because the agents kept the dead containers' namespaces alive.
  for (const e of spec.endpoints) assert.equal((await daemons!.docker.getContainer(`ovslab-${LAB}-${e.name}`).inspect()).State.Running, true, e.name);
});
