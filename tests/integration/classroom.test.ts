import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createApiClient, ApiError, type ApiClient } from "../../lib/api-client/api-client";
import type { ClassView, StudentRow } from "../../lib/contracts/classroom";
import { startTestServer, type TestServer } from "./harness";

// A class of four on the seed scenario: four labs, each student fixes their own through their own link.
const LAB = "cl";
let server: TestServer;
let klass: ClassView;

const tokenOf = (row: StudentRow) => new URL(row.link, "http://x").searchParams.get("student")!;
const studentApi = (row: StudentRow, labId = row.labId): ApiClient => createApiClient({ baseUrl: server.url, token: tokenOf(row), labId });
const view = () => server.api.classGet({ params: { id: klass.classId } });

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: not within ${timeoutMs} ms; last: ${JSON.stringify(value).slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const refused = async (call: () => Promise<unknown>) => {
  const err = await call().then(() => null, (e: unknown) => e);
  assert.ok(err instanceof ApiError, `expected a refusal, got ${String(err)}`);
  return err;
};

before(async () => {
  server = await startTestServer(LAB, 3370, { OVSLAB_CLASS_NET: "10.76" });
});

after(async () => {
  if (klass) await server.api.classEnd({ params: { id: klass.classId } }).catch(() => undefined);
  await server?.stop();
});

test("a class of 4 on the seed scenario builds 4 labs, each with the seed's faults planted", async () => {
  klass = await server.api.classCreate({ body: { scenario: "seed-story", students: ["Ana", "Bo", "Cy", "Di"], seed: "class-test" } });
  assert.equal(klass.students.length, 4);
  assert.deepEqual(klass.students.map((s) => s.labId), [1, 2, 3, 4].map((i) => `q${klass.classId}0${i}`));
  const ready = await until("every lab built and graded", view, (v) => v.students.every((s) => s.state === "ready" && s.checks["tcp-c1-server"]?.status === "failed"), 180_000);
  for (const s of ready.students) {
    // Before the fix: ping passes, the planted offload is detected by its checks, TCP fails.
    assert.equal(s.checks["ping-c1-server"].status, "passed", `${s.name}: ${s.checks["ping-c1-server"].message}`);
    assert.equal(s.checks["c1-tx-off"].status, "failed");
    assert.equal(s.checks["all-fixed"].status, "failed");
  }
  const { labs } = await server.api.labList();
  assert.equal(labs.filter((l) => l.classId === klass.classId).length, 4);
});

test("a student fixes their own lab through their link, and the teacher's grid turns green", async () => {
  const ana = klass.students[0];
  const mine = studentApi(ana);
  const own = await mine.studentView();
  assert.equal(own.labId, ana.labId);
  assert.ok(own.operations.includes("offload change"));
  assert.doesNotMatch(JSON.stringify(own), /c1-offload|c2-offload|tx-offload/, "a student never sees the planted faults");
  await mine.offloadSet({ params: { id: "c1:eth0" }, body: { tx: false } });
  await mine.offloadSet({ params: { id: "c2:eth0" }, body: { tx: false } });
  const after = await until("Ana's checks all pass", view, (v) => v.students[0].percent === 100, 60_000);
  const row = after.students[0];
  assert.ok(row.checks["tcp-c1-server"].firstPassedAt, "first pass time recorded");
  assert.equal(row.checks["all-fixed"].status, "passed");
  // The others did nothing: still failing.
  assert.ok(after.students.slice(1).every((s) => s.checks["tcp-c1-server"].status !== "passed"));
  const csv = await (await server.api.response("classCsv", { params: { id: klass.classId } })).text();
  assert.match(csv.split("\r\n")[1], /^1,Ana,q\w+01,100,passed,/);
});

test("a student link touches nothing but its own lab, and only through the scenario's operations", async () => {
  const [ana, bo] = klass.students;
  const err1 = await refused(() => studentApi(ana, bo.labId).offloadSet({ params: { id: "c1:eth0" }, body: { tx: false } }));
  assert.equal(err1.status, 403);
  assert.match(err1.message, /not your lab/);
  const err2 = await refused(() => createApiClient({ baseUrl: server.url, token: tokenOf(ana) }).offloadSet({ params: { id: "c1:eth0" }, body: { tx: false } }));
  assert.equal(err2.status, 403, "the teacher's (default) lab");
  const err3 = await refused(() => studentApi(ana).labDown());
  assert.equal(err3.status, 403, "pulling the plug is not one of the scenario's operations");
  for (const call of [() => studentApi(ana).classGet({ params: { id: klass.classId } }), () => studentApi(ana).classCreate({ body: { scenario: "seed-story", students: 1 } })])
    assert.equal((await refused(call)).status, 403);
  // Bo's lab is unchanged by all this.
  const bosLab = await studentApi(bo).topology();
  assert.equal(bosLab.interfaces.find((i) => i.id === "c1:eth0")?.offload.tx?.on, true);
  // A made-up student token is no one: a viewer with a wrong credential.
  const err4 = await refused(() => createApiClient({ baseUrl: server.url, token: "x".repeat(32), labId: ana.labId }).matrixRun({ body: {} }));
  assert.equal(err4.status, 403);
});

test("ending the class removes every student lab and kills the links", async () => {
  const ended = await server.api.classEnd({ params: { id: klass.classId } });
  assert.ok(ended.removed > 0, `removed ${ended.removed}`);
  const { labs } = await server.api.labList();
  assert.deepEqual(labs.map((l) => l.labId), [LAB]);
  const leftovers = execFileSync("docker", ["ps", "-a", "--format", "{{.Names}}"], { encoding: "utf8" }).split("\n").filter((n) => n.includes(`ovslab-q${klass.classId}`));
  assert.deepEqual(leftovers, []);
  const bridges = execFileSync("ovs-vsctl", ["list-br"], { encoding: "utf8" }).split("\n").filter((b) => b.startsWith(`q${klass.classId}`));
  assert.deepEqual(bridges, []);
  const err = await refused(() => studentApi(klass.students[0]).studentView());
  assert.equal(err.status, 403);
  klass = undefined as unknown as ClassView;
});
