import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { io as connect, type Socket } from "socket.io-client";
import { createApiClient, ApiError } from "../../lib/api-client/api-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/contracts/socket-events";
import { unpackResults, unpackRun } from "../../lib/contracts/packed-results";
import { seedSpec, startTestServer, type TestServer } from "./harness";

// Labs side by side on one server: each addressed by id, none seeing the other's state.
const DEFAULT = "ml";
const A = "mla";
const B = "mlb";
let server: TestServer;

const labApi = (labId: string, token: string | null = server.token) => createApiClient({ baseUrl: server.url, token, labId });

before(async () => {
  server = await startTestServer(DEFAULT, 3360);
});

after(async () => {
  for (const id of [A, B]) await labApi(id).labClose({ params: { labId: id } }).catch(() => undefined);
  await server?.stop();
});

test("two labs come up side by side under /api/labs/<id>, each with its own topology and matrix", async () => {
  await Promise.all([labApi(A).labUp({ body: { spec: seedSpec(A, "10.77.200") } }), labApi(B).labUp({ body: { spec: seedSpec(B, "10.77.201") } })]);
  const [ta, tb] = await Promise.all([labApi(A).topology(), labApi(B).topology()]);
  assert.equal(ta.bridge?.name, `${A}_br`);
  assert.equal(tb.bridge?.name, `${B}_br`);
  assert.deepEqual(ta.endpoints.map((e) => e.runtimeName).filter((n) => n.includes(B)), []);
  const addresses = (t: typeof ta) => t.endpoints.map((e) => e.ipv4 ?? "").sort();
  assert.ok(addresses(ta).every((a) => a.startsWith("10.77.200.")), addresses(ta).join());
  assert.ok(addresses(tb).every((a) => a.startsWith("10.77.201.")), addresses(tb).join());

  const [ra, rb] = await Promise.all([labApi(A).matrixRun({ body: { protocols: ["icmp", "tcp"] } }), labApi(B).matrixRun({ body: { protocols: ["icmp"] } })]);
  assert.equal(ra.results.length, 24, "4 endpoints, 12 pairs, 2 protocols");
  assert.equal(rb.results.length, 12);
  assert.ok(ra.results.filter((r) => r.protocol === "icmp").every((r) => r.ok), "ICMP works in the seed lab");
  assert.equal((await labApi(A).matrixLatest()).runId, ra.runId);
  assert.equal((await labApi(B).matrixLatest()).runId, rb.runId);

  // The single-lab routes still mean the default lab, which is empty.
  const plain = await server.api.topology();
  assert.equal(plain.labId, DEFAULT);
  assert.equal(plain.bridge, null);
});

test("the lab list shows every lab with its health, to viewers too", async () => {
  const { labs } = await createApiClient({ baseUrl: server.url }).labList();
  const byId = new Map(labs.map((l) => [l.labId, l]));
  assert.deepEqual([...byId.keys()].sort(), [DEFAULT, A, B].sort());
  assert.equal(byId.get(DEFAULT)?.isDefault, true);
  assert.equal(byId.get(A)?.running, 4);
  // The seed lab's TCP fails with offload on: its last full run had failures.
  assert.equal(byId.get(A)?.health, "failing");
  // Lab B's last run over all pairs was ICMP only, and all of it passed.
  assert.equal(byId.get(B)?.health, "ok");
});

test("a socket opened on one lab gets that lab's events and no other's", async () => {
  const events: string[] = [];
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, { transports: ["websocket"], query: { lab: A }, auth: { token: server.token } });
  const hello = await new Promise<{ labId: string }>((resolve, reject) => {
    socket.once("hello", resolve);
    socket.once("connect_error", reject);
  });
  assert.equal(hello.labId, A);
  socket.on("matrix:results", (batch) => events.push(...batch.map((r) => r.runId)));
  try {
    const runB = await labApi(B).matrixRun({ body: { protocols: ["icmp"] } });
    const runA = await labApi(A).matrixRun({ body: { protocols: ["icmp"] } });
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(events.length > 0 && events.every((id) => id === runA.runId), `only lab ${A}'s results: ${[...new Set(events)].join()} (B ran ${runB.runId})`);
    // Its requests act on its lab.
    const state = await new Promise<string | null>((resolve) => socket.emit("state:get", (answer) => resolve(answer.ok ? answer.value.topology.labId : null)));
    assert.equal(state, A);
  } finally {
    socket.close();
  }
  const unknown = connect(server.url, { transports: ["websocket"], query: { lab: "nolab" } });
  const refused = await new Promise<Error>((resolve) => unknown.once("connect_error", resolve));
  unknown.close();
  assert.match(refused.message, /no lab "nolab"/);
});

test("a page's first read: its lab's state with results as rows, whose revision the socket's hello repeats until the lab changes", async () => {
  const helloRevision = async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(server.url, { transports: ["websocket"], query: { lab: A } });
    try {
      return await new Promise<string>((resolve, reject) => {
        socket.once("hello", (info) => resolve(info.revision));
        socket.once("connect_error", reject);
      });
    } finally {
      socket.close();
    }
  };
  const viewer = labApi(A, null);
  const state = await viewer.state();
  assert.equal(state.topology.labId, A);
  assert.deepEqual(unpackRun(state.lastRun!), await viewer.matrixLatest(), "the last full run, as rows and back");
  assert.equal(await helloRevision(), state.revision, "nothing changed: the page need not read again");

  const retest = await labApi(A).matrixRun({ body: { protocols: ["icmp"], pairs: [["c1", "c2"]] } });
  const after = await viewer.state();
  assert.notEqual(after.revision, state.revision, "a re-test moves the revision");
  assert.equal(await helloRevision(), after.revision);
  const retested = unpackResults(after.latest).filter((r) => r.runId === retest.runId);
  assert.deepEqual(
    retested.map((r) => `${r.protocol}:${r.from}>${r.to}`),
    ["icmp:c1>c2"],
    "the re-test's result, beside the last full run",
  );
});

test("viewers cannot bring a lab up, down or close it; a route for one lab cannot bring up another", async () => {
  for (const call of [
    () => labApi(A, null).labDown(),
    () => labApi(A, null).labClose({ params: { labId: A } }),
    () => labApi("mlc", null).labUp({ body: { spec: seedSpec("mlc", "10.77.202") } }),
  ]) {
    const err = await call().then(() => null, (e: unknown) => e);
    assert.ok(err instanceof ApiError && [401, 404].includes(err.status), String(err));
  }
  const wrong = await labApi(A).labUp({ body: { spec: seedSpec(B, "10.77.201") } }).then(() => null, (e: unknown) => e);
  assert.ok(wrong instanceof ApiError && wrong.status === 400 && /this is lab mla's route/.test(wrong.message), String(wrong));
  assert.equal((await server.get(`/api/labs/nolab/topology`)).status, 404);
});

test("closing a lab brings it down and forgets it; the others keep running", async () => {
  const closed = await labApi(A).labClose({ params: { labId: A } });
  assert.equal(closed.labId, A);
  assert.ok(closed.removed >= 4);
  assert.equal((await server.get(`/api/labs/${A}/topology`)).status, 404);
  assert.equal((await labApi(B).topology()).endpoints.filter((e) => e.state === "running").length, 4);
  const { labs } = await server.api.labList();
  assert.deepEqual(labs.map((l) => l.labId).sort(), [DEFAULT, B].sort());
});
