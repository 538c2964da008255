import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { startTestServer, type TestServer } from "./harness";
import type { ExperimentRunState } from "../../lib/contracts/experiment";
import type { Snapshot } from "../../lib/snapshots/snapshot-format";

/** The server's own lab (never brought up) and the experiment's labs: "q0", "q1" on 10.77.90-91.0/24. */
const LAB = "qs";
const PORT = 3701;
const PREFIX = "q";
const VARIANTS = ["ovs-userspace/netns/offload-off", "ovs-kernel/containers/offload-on"];
let server: TestServer;
let running: string | null = null;

async function finish(id: string): Promise<ExperimentRunState> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { body } = await server.get<ExperimentRunState>(`/api/experiments/${id}`);
    if (body.finishedAt) return body;
    assert.ok(Date.now() < deadline, "the experiment did not finish in 2 minutes");
    await new Promise((r) => setTimeout(r, 300));
  }
}

const experimentBridges = () =>
  execFileSync("ovs-vsctl", ["list-br"], { encoding: "utf8" }).split("\n").filter((b) => new RegExp(`^${PREFIX}[0-9a-z]_`).test(b));

describe("an A/B experiment saved as a snapshot, with no lab up", () => {
  let state: ExperimentRunState;
  let snapshotId: string;

  before(async () => {
    server = await startTestServer(LAB, PORT);
    const start = await server.post<ExperimentRunState>("/api/experiments", {
      only: VARIANTS, protocols: ["icmp", "tcp"], timeoutMs: 300, labIdPrefix: PREFIX, firstSubnet: "10.77.90",
    });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    running = start.body.id;
    const early = await server.post<{ error: { code: string } }>(`/api/experiments/${running}/snapshot`, { title: "too soon" });
    assert.equal(early.status, 409, "a running experiment cannot be saved yet");
    state = await finish(running);
    running = null;
  });
  after(async () => {
    if (running) {
      await server.post(`/api/experiments/${running}/cancel`).catch(() => undefined);
      await finish(running).catch(() => undefined);
    }
    await server?.stop();
  });

  test("the run finished: the userspace variant worked, the kernel one is not runnable here or worked", () => {
    const [userspace, kernel] = VARIANTS.map((id) => state.variants.find((v) => v.variant.id === id)!);
    assert.equal(userspace.status, "done", userspace.reason);
    assert.deepEqual(userspace.failing, []);
    assert.ok(["not-runnable", "done"].includes(kernel.status), kernel.reason);
    assert.deepEqual(experimentBridges(), [], "every variant tore its lab down");
  });

  test("save answers an id; the snapshot holds the finished experiment, host facts, and no lab", async () => {
    const saved = await server.post<{ id: string }>(`/api/experiments/${state.id}/snapshot`, { title: "A/B, two variants", description: "integration test" });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.match(saved.body.id, /^[A-Za-z0-9_-]{22}$/);
    snapshotId = saved.body.id;
    const { status, body } = await server.get<Snapshot>(`/api/snapshots/${snapshotId}`);
    assert.equal(status, 200);
    assert.deepEqual(body.experiment, state);
    assert.equal(body.title, "A/B, two variants");
    assert.equal(body.labId, LAB);
    assert.equal(body.spec, null);
    assert.equal(body.topology.bridge, null);
    assert.equal(body.matrix, null);
    assert.ok(body.host?.ovsVersion, "host facts are kept");
  });

  test("export and import keep the experiment; there is no lab to restore", async () => {
    const res = await fetch(`${server.url}/api/snapshots/${snapshotId}/export`);
    assert.equal(res.status, 200);
    const file = await res.text();
    assert.deepEqual(JSON.parse(file).experiment, state);
    const imported = await server.post<{ id: string }>("/api/snapshots/import", undefined, file);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.notEqual(imported.body.id, snapshotId);
    assert.deepEqual((await server.get<Snapshot>(`/api/snapshots/${imported.body.id}`)).body.experiment, state);
    const restore = await server.post<{ error: { message: string } }>(`/api/snapshots/${imported.body.id}/restore`, {});
    assert.equal(restore.status, 409);
    assert.match(restore.body.error.message, /no lab to restore/);
  });

  test("an unknown experiment is 404, a bad id or body 400", async () => {
    assert.equal((await server.post(`/api/experiments/${randomUUID()}/snapshot`, { title: "x" })).status, 404);
    assert.equal((await server.post("/api/experiments/nope/snapshot", { title: "x" })).status, 400);
    assert.equal((await server.post(`/api/experiments/${state.id}/snapshot`, { title: " " })).status, 400);
    assert.equal((await server.post(`/api/experiments/${state.id}/snapshot`, { title: "x", spec: {} })).status, 400);
  });
});
