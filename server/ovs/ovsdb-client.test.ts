import { after, test } from "node:test";
import assert from "node:assert/strict";
import net from "node:net";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { OvsdbClient, OvsdbUnavailableError } from "./ovsdb-client";

/** A stand-in ovsdb-server: answers every request with an empty result and records the methods it saw. */
class FakeOvsdb {
  readonly methods: string[] = [];
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  constructor(readonly socketPath: string) {}

  async start(): Promise<void> {
    this.server = net.createServer((s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
      s.setEncoding("utf8").on("data", (text: string) => {
        for (const line of text.split(/(?<=})(?={)/)) {
          const msg = JSON.parse(line) as { id: number; method: string };
          this.methods.push(msg.method);
          s.write(JSON.stringify({ id: msg.id, result: msg.method === "transact" ? [{ rows: [] }] : {}, error: null }));
        }
      });
    });
    this.server.listen(this.socketPath);
    await once(this.server, "listening");
  }

  /** Like SIGKILL: every connection drops and nothing listens any more. */
  async kill(): Promise<void> {
    this.sockets.forEach((s) => s.destroy());
    await new Promise((r) => this.server!.close(r));
  }

  /** Pushes a monitor update to every client. */
  update(): void {
    this.sockets.forEach((s) => s.write(JSON.stringify({ id: null, method: "update", params: ["ovs-lab-1", { Bridge: {} }] })));
  }
}

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function fake(): Promise<FakeOvsdb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "ovslab-ovsdb-"));
  dirs.push(dir);
  const f = new FakeOvsdb(path.join(dir, "db.sock"));
  await f.start();
  return f;
}

test("while ovsdb-server is away calls fail at once with its socket; after it returns the monitor is back", async () => {
  const server = await fake();
  const db = await OvsdbClient.connect(server.socketPath, 1000, { backoff: { firstMs: 20, maxMs: 80 } });
  try {
    await db.monitor({ Bridge: ["name"] });
    assert.deepEqual(await db.selectAll("Bridge", ["name"]), []);
    const lost = once(db, "disconnected");
    await server.kill();
    const [err] = (await lost) as [Error];
    assert.ok(err instanceof OvsdbUnavailableError);
    assert.equal(db.connected, false);
    const started = Date.now();
    await assert.rejects(db.request("list_dbs", []), new RegExp(`ovsdb-server is not answering at ${server.socketPath}`));
    assert.ok(Date.now() - started < 100, "fails fast, no timeout");
    assert.ok(db.outage);

    server.methods.length = 0;
    const back = once(db, "reconnected");
    await server.start();
    await back;
    assert.equal(db.connected, true);
    assert.equal(db.outage, null);
    assert.deepEqual(server.methods, ["monitor"]);
    const updated = once(db, "update");
    server.update();
    await updated;
    await db.request("list_dbs", []);
  } finally {
    db.close();
    await server.kill().catch(() => undefined);
  }
});

test("a short-lived client (reconnect: false) closes for good when the socket goes", async () => {
  const server = await fake();
  const db = await OvsdbClient.connect(server.socketPath, 1000, { reconnect: false });
  const closed = once(db, "close");
  await server.kill();
  await closed;
  await assert.rejects(db.request("list_dbs", []), /closed/);
});

test("close() stops reconnecting", async () => {
  const server = await fake();
  const db = await OvsdbClient.connect(server.socketPath, 1000, { backoff: { firstMs: 10, maxMs: 10 } });
  await server.kill();
  await once(db, "disconnected");
  db.close();
  await server.start();
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(db.connected, false);
  await server.kill();
});
