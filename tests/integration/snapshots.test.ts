import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { projectRoot, seedSpec, startTestServer, type TestServer } from "./harness";
import type { Topology, NetInterface } from "../../lib/contracts/topology";
import type { Snapshot, SnapshotSummary } from "../../lib/snapshots/snapshot-format";
import type { RestoreResult } from "../../server/snapshots/restore-snapshot";
import type { SnapshotDiff } from "../../lib/snapshots/compare-snapshots";

const LAB = "s1";
const PORT = 3311;
const SUBNET = "10.77.21";
/** The harness gives each test server this data directory. */
const DATA_DIR = path.join(projectRoot, `.cache/test-data-${LAB}`);
let server: TestServer;
/** stop() must run once: a second call would wait for an exit that already happened. */
let running = false;

interface Row { from: string; to: string; protocol: string; ok: boolean }
const failing = (rows: Row[]) => rows.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to}`).sort();

async function call(method: string, p: string, raw?: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(server.url + p, { method, body: raw ?? (method === "GET" ? undefined : "{}"), headers: { "content-type": "application/json", authorization: `Bearer ${server.token}` } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}
const list = async () => (await server.get<{ snapshots: SnapshotSummary[] }>("/api/snapshots")).body.snapshots;
async function runMatrix(): Promise<Row[]> {
  const { status, body } = await server.post<{ results: Row[] }>("/api/matrix", { timeoutMs: 1000 });
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.results.length, 36);
  return body.results;
}
/** Live cells equal to the saved run once the restore's second probe has had its say. */
function assertSameTable(restored: RestoreResult, savedRows: Row[]): void {
  assert.deepEqual(restored.differences, []);
  assert.equal(restored.matchesSavedRun, true);
  const flipped = new Set(restored.transient.map((c) => `${c.protocol} ${c.from}>${c.to}`));
  if (flipped.size) console.log(`# transient cells, confirmed on a second probe: ${[...flipped].join(", ")}`);
  const live = restored.run.results.map((r) => (flipped.has(`${r.protocol} ${r.from}>${r.to}`) ? { ...r, ok: !r.ok } : r));
  assert.deepEqual(failing(live), failing(savedRows));
}
async function save(title: string): Promise<string> {
  const r = await server.post<{ id: string }>("/api/snapshots", { title, description: "integration test", layout: { "endpoint:c1": { x: 10, y: 20 } } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.id, /^[A-Za-z0-9_-]{22}$/);
  return r.body.id;
}
async function exportFile(id: string): Promise<string> {
  const r = await call("GET", `/api/snapshots/${id}/export`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get("content-disposition") ?? "", /^attachment; filename="ovs-lab-s1-.+\.json"$/);
  return r.text;
}
/** Down, an empty store, then import the file and restore it: nothing but the file carries the lab. */
async function restoreFromFileOnCleanState(file: string): Promise<RestoreResult> {
  assert.equal((await server.post("/api/lab/down")).status, 200);
  assert.equal((await server.get<Topology>("/api/topology")).body.bridge, null);
  for (const s of await list()) assert.equal((await call("DELETE", `/api/snapshots/${s.id}`)).status, 200);
  assert.deepEqual(await list(), []);
  const imported = await server.post<{ id: string }>("/api/snapshots/import", undefined, file);
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const restored = await server.post<RestoreResult>(`/api/snapshots/${imported.body.id}/restore`, { timeoutMs: 1000 });
  assert.equal(restored.status, 200, JSON.stringify(restored.body));
  return restored.body;
}

describe("snapshots of the seed lab on real OVS userspace + DPDK + Docker", () => {
  before(async () => {
    await rm(DATA_DIR, { recursive: true, force: true });
    server = await startTestServer(LAB, PORT, { OVSLAB_DATA_DIR: DATA_DIR });
    running = true;
    const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, SUBNET) });
    assert.equal(up.status, 200, JSON.stringify(up.body));
  });
  after(async () => {
    if (running) await server.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
  });

  test("save, export, down, import, restore: the re-run matrix equals the saved one", async () => {
    await runMatrix(); // warms ARP caches and agents: the saved run is the lab's steady state
    const savedRows = await runMatrix();
    const id = await save("seed as it comes");
    const { body: snap } = await server.get<Snapshot>(`/api/snapshots/${id}`);
    assert.equal(snap.labId, LAB);
    assert.deepEqual(snap.topology.endpoints.map((e) => e.name).sort(), ["c1", "c2", "host", "server"]);
    assert.equal(snap.spec?.endpoints.find((e) => e.name === "server")?.attach.via, "dpdk");
    assert.equal(snap.host?.dpdkInitialized, true);
    assert.equal(snap.matrix?.results.length, 36);
    assert.deepEqual(snap.layout, { "endpoint:c1": { x: 10, y: 20 } });
    const file = await exportFile(id);
    assert.deepEqual([JSON.parse(file).format, JSON.parse(file).version], ["ovs-lab-snapshot", 1]);

    const restored = await restoreFromFileOnCleanState(file);
    assertSameTable(restored, savedRows);
    assert.ok(failing(savedRows).length > 0, "the seed's TCP/UDP failures are part of what was restored");
  });

  test("the same with tx offload off on c1; compare shows the offload change and the flipped cells", async () => {
    await runMatrix();
    const beforeId = await save("before c1 tx off");
    const r = await server.post<{ offload: NetInterface["offload"] }>("/api/interfaces/c1:eth0/offload", { tx: false });
    assert.equal(r.status, 200);
    const savedRows = await runMatrix();
    const afterId = await save("c1 tx off");

    const diff = await server.get<SnapshotDiff>(`/api/snapshots/compare?a=${beforeId}&b=${afterId}`);
    assert.equal(diff.status, 200, JSON.stringify(diff.body));
    assert.ok(diff.body.offload.some((o) => o.interfaceId === "c1:eth0" && o.feature === "tx" && o.a === true && o.b === false));
    const tcpFlips = diff.body.cells.filter((c) => c.protocol === "tcp").map((c) => `${c.from}>${c.to} ${c.a}->${c.b}`).sort();
    assert.deepEqual(tcpFlips, ["c1>host false->true", "c1>server false->true", "host>c1 false->true", "server>c1 false->true"]);
    assert.deepEqual(diff.body.endpoints, { added: [], removed: [] });

    const restored = await restoreFromFileOnCleanState(await exportFile(afterId));
    assertSameTable(restored, savedRows);
    const c1 = await server.get<NetInterface>("/api/interfaces/c1:eth0");
    assert.equal(c1.body.offload.tx?.on, false);
  });

  test("corrupted, oversized, wrong-version and wrong-field files are refused with a 4xx and nothing is stored", async () => {
    const good = JSON.parse(await exportFile(await save("template for bad files")));
    const countBefore = (await list()).length;
    const attempts: [string, string, number, RegExp][] = [
      ["corrupted", JSON.stringify(good).slice(0, 500), 400, /not valid JSON/],
      ["oversized", JSON.stringify({ ...good, description: "x".repeat(2 * 1024 * 1024) }), 413, /limit/],
      ["wrong version", JSON.stringify({ ...good, version: 2 }), 400, /^not an ovs-lab snapshot file: version:/],
      ["wrong format", JSON.stringify({ ...good, format: "pcap" }), 400, /format:/],
      ["wrong field", JSON.stringify({ ...good, topology: { ...good.topology, interfaces: [{ ...good.topology.interfaces[0], up: "yes" }] } }), 400, /topology\.interfaces\.0\.up/],
      ["bad spec", JSON.stringify({ ...good, spec: { ...good.spec, endpoints: [{ ...good.spec.endpoints[0], address: "10.1.1.300/24" }] } }), 400, /spec\.endpoints\.0\.address/],
    ];
    for (const [what, body, status, message] of attempts) {
      const r = await call("POST", "/api/snapshots/import", body);
      assert.equal(r.status, status, `${what}: ${r.text}`);
      assert.match(JSON.parse(r.text).error.message, message, what);
    }
    assert.equal((await list()).length, countBefore);
    assert.equal((await call("GET", "/api/snapshots/AAAAAAAAAAAAAAAAAAAAAA")).status, 404);
  });

  test("a snapshot from another lab id (s2, recorded) is restored under this lab's names and /24", async () => {
    const file = await readFile(path.join(projectRoot, "lib/snapshots/fixtures/seed-snapshot-v1.json"), "utf8");
    const saved = JSON.parse(file) as { labId: string; matrix: { results: Row[] } };
    assert.equal(saved.labId, "s2");
    const { body: imported } = await server.post<{ id: string }>("/api/snapshots/import", undefined, file);
    const r = await server.post<RestoreResult>(`/api/snapshots/${imported.id}/restore`, { timeoutMs: 1000, subnet: SUBNET });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assertSameTable(r.body, saved.matrix.results);
    const { body: t } = await server.get<Topology>("/api/topology");
    assert.equal(t.bridge?.name, `${LAB}_br`);
    assert.equal(t.bridge?.ports.find((p) => p.type === "dpdk")?.name, `${LAB}_dpdk0`);
    assert.equal(t.bridge?.ports.find((p) => p.type === "dpdk")?.linkState, "up");
    assert.deepEqual(t.endpoints.map((e) => `${e.name} ${e.ipv4}`).sort(), [`c1 ${SUBNET}.8`, `c2 ${SUBNET}.7`, `host ${SUBNET}.1`, `server ${SUBNET}.10`]);
  });

  test("snapshots survive a server restart", async () => {
    const id = await save("kept across restart");
    const before = (await server.get<Snapshot>(`/api/snapshots/${id}`)).body;
    const ids = (await list()).map((s) => s.id).sort();
    running = false;
    await server.stop();
    server = await startTestServer(LAB, PORT, { OVSLAB_DATA_DIR: DATA_DIR });
    running = true;
    assert.deepEqual((await list()).map((s) => s.id).sort(), ids);
    assert.deepEqual((await server.get<Snapshot>(`/api/snapshots/${id}`)).body, before);
  });
});
