import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { descendantPids } from "../../server/terminal/process-tree";
import { seedSpec, startTestServer, type TestServer } from "./harness";

const LAB = "gs";
let server: TestServer | null = null;

describe("graceful stop", () => {
  after(async () => {
    // A test that failed before its signal leaves its server running (which would keep this process alive).
    await server?.stop();
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

  test("SIGKILL: nothing the server or a probe agent started outlives it (ip monitor in an agent's namespace included)", async () => {
    server = await startTestServer(LAB, 3992);
    await server.api.labUp({ body: { spec: seedSpec(LAB, "10.77.150") } });
    await server.api.matrixRun({ body: { protocols: ["icmp"] } }); // the probe agents run
    // A short-lived program (a rediscovery's ethtool through the spawn worker) may end between the listing and this read.
    const command = (pid: number) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      } catch {
        return "(ended)";
      }
    };
    const running = (pid: number) => existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    const gone = async (pids: number[], after: string) => {
      const deadline = Date.now() + 5000;
      let alive = pids;
      while ((alive = alive.filter(running)).length) {
        assert.ok(Date.now() < deadline, `still running 5 s after ${after}:\n${alive.map((pid) => `${pid} ${command(pid)}`).join("\n")}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // An agent killed outright: its ip monitor sits in a namespace that sees no more link events (it
    // would never write, so never meet the closed pipe), and must die with it.
    const agent = descendantPids(server.pid).find((pid) => /probe-agent/.test(command(pid)) && descendantPids(pid).some((c) => command(c).startsWith("ip monitor")));
    assert.ok(agent, descendantPids(server.pid).map(command).join("\n"));
    const agentMonitors = descendantPids(agent).filter((c) => command(c).startsWith("ip monitor"));
    process.kill(agent, "SIGKILL");
    await gone(agentMonitors, "their agent was killed");
    const children = descendantPids(server.pid);
    assert.ok(children.map(command).some((c) => c.startsWith("ip monitor")), children.map(command).join("\n"));
    const killed = await server.terminate("SIGKILL");
    assert.equal(killed.signal, "SIGKILL");
    await gone(children, "the server was killed");
  });
});
