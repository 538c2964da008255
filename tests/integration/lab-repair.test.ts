import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";

/**
 * A container stopped by hand and repaired by `lab up` forwards again: its veth is new, so its bridge
 * port must be re-added (the userspace datapath otherwise keeps the deleted device open).
 */
const LAB = "v2";
const SUBNET = "10.77.62";
let server: TestServer;

interface Row { from: string; to: string; ok: boolean; error: string | null }
const ping = async (): Promise<string[]> => {
  const { status, body } = await server.post<{ results: Row[] }>("/api/matrix", { protocols: ["icmp"], pairs: [["c1", "c2"], ["c2", "c1"]], timeoutMs: 1000 });
  assert.equal(status, 200);
  return body.results.map((r) => `${r.from}>${r.to} ${r.ok ? "ok" : r.error}`).sort();
};

before(async () => {
  server = await startTestServer(LAB, 3502);
  const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, SUBNET) });
  assert.equal(up.status, 200, JSON.stringify(up.body));
});
after(async () => {
  await server?.stop();
});

test("after docker stop and lab up, c1 and c2 ping each other again", async () => {
  assert.deepEqual(await ping(), ["c1>c2 ok", "c2>c1 ok"]);
  execFileSync("docker", ["stop", "-t", "1", `ovslab-${LAB}-c2`]);
  const up = await server.post("/api/lab/up", { spec: seedSpec(LAB, SUBNET) });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assert.deepEqual(await ping(), ["c1>c2 ok", "c2>c1 ok"]);
});
