import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { seedSpec, startTestServer, type TestServer } from "./harness";

const LAB = "gs";
let server: TestServer | null = null;

describe("graceful stop", () => {
  after(async () => {
    // The lab outlives its server by design; the test's own lab goes with a server started for that.
    const cleaner = await startTestServer(LAB, 3991);
    await cleaner.stop();
  });

  test("SIGTERM during a matrix run: the run is let finish or cut, the process exits 0 within seconds, the lab stays up", async () => {
    server = await startTestServer(LAB, 3990);
    await server.api.labUp({ body: { spec: seedSpec(LAB, "10.77.150") } });
    // A run whose failing probes wait out a long timeout: it is in flight when the signal comes. The
    // seed's checksum drops are proven in milliseconds now, so c2's bridge port goes down: its probes hear nothing.
    execFileSync("ip", ["link", "set", "dev", `${LAB}-c2`, "down"]);
    const run = server.api.matrixRun({ body: { protocols: ["tcp"], timeoutMs: 2000 } }).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 300));
    const stopped = await server.terminate("SIGTERM");
    assert.equal(stopped.code, 0, stopped.log);
    assert.ok(stopped.ms < 6000, `stopped in ${stopped.ms} ms`);
    assert.match(stopped.log, /SIGTERM: stopping/);
    assert.match(stopped.log, /stopped in \d+ ms/);
    await run;
    assert.match(execFileSync("ovs-vsctl", ["list-br"], { encoding: "utf8" }), /^gs_br$/m, "the lab is the user's: it stays up");
  });
});
