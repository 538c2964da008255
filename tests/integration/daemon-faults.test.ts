import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { MatrixAnswer } from "../../lib/contracts/api-routes";
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

/**
 * While a daemon is away the server answers health, and a matrix run ends in bounded time: with error
 * cells, or refused (409: the lab's containers are gone; 503: a daemon it needs is away), never a 5xx crash.
 */
async function stillAnswers(s: TestServer, what: string): Promise<MatrixAnswer> {
  const health = await within(5000, `${what}: GET /api/health`, s.get("/api/health"));
  assert.equal(health.status, 200, `${what}: health ${JSON.stringify(health.body)}`);
  const run = await within(20_000, `${what}: POST /api/matrix`, s.post<MatrixAnswer>("/api/matrix", { protocols: ["icmp", "tcp"], timeoutMs: 500 }));
  assert.ok([200, 409, 503].includes(run.status), `${what}: matrix ${run.status} ${JSON.stringify(run.body)}`);
  return run.body;
}

test("ovsdb-server killed during a matrix run and started again", async () => {
  const s = server!;
  const running = s.post<MatrixAnswer>("/api/matrix", { protocols: ["icmp", "tcp", "udp"], timeoutMs: 1000 });
  await sleep(150);
  await daemons!.ovsdb.kill("SIGKILL");
  const during = await within(20_000, "the run in flight", running);
  assert.equal(during.status, 200, JSON.stringify(during.body));
  await stillAnswers(s, "ovsdb-server down");
  const topology = await within(5000, "topology while ovsdb-server is down", s.get("/api/topology"));
  assert.ok(topology.status === 200 || topology.status === 503, `topology ${topology.status}`);
  await daemons!.ovsdb.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] ovsdb-server back: lab right after ${took} ms`);
});

test("ovs-vswitchd killed and brought back", async () => {
  const s = server!;
  await daemons!.vswitchd.kill("SIGKILL");
  const run = await stillAnswers(s, "ovs-vswitchd down");
  assert.ok(run.results?.some((r) => !r.ok), "with the switch gone some probes fail");
  await sleep(2500);
  await daemons!.vswitchd.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] ovs-vswitchd back: lab right after ${took} ms`);
});

test("dockerd restarted with the lab's containers running", async () => {
  const s = server!;
  const c1 = await daemons!.docker.getContainer(`ovslab-${LAB}-c1`).inspect();
  assert.equal(c1.State.Running, true);
  await daemons!.dockerd.kill("SIGTERM");
  await stillAnswers(s, "dockerd down");
  await sleep(1000);
  await daemons!.dockerd.start();
  const took = await rightWithin(s, spec, RECOVERY_MS);
  console.log(`[fault-test] dockerd back: lab right after ${took} ms`);
});
