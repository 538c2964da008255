import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { LabSpec } from "../../lib/lab-spec/schema";
import { startPrivateDaemons, type PrivateDaemons } from "../../tests/integration/private-daemons";
import { faultLab } from "../../tests/integration/private/fault-checks";
import { pidFromFile, stopPid } from "../../tests/integration/private/processes";
import { E2E_NEXT_DIST_DIR, E2E_TOKEN } from "./e2e-env";
import { operatorApi } from "./fixtures";
import { labDown, labUp, waitForServer } from "./lab-api";

/** A real ovs-lab server with the UI, driving daemons of its own that a spec may kill and start again. */
export interface PrivateLabServer {
  /** Where the browser reaches it: 127.0.0.1:port, forwarded into the namespace. */
  url: string;
  spec: LabSpec;
  daemons: PrivateDaemons;
  /** The server's own output so far (to attach to a failed test). */
  log(): string;
  /** Lab down, server stopped, daemons and everything under their directory removed. Safe to call twice. */
  stop(): Promise<void>;
}

export interface PrivateLabOptions {
  labId: string;
  subnet24: string;
  port: number;
  /** The veth that joins the private namespace to the host. */
  link: { hostCidr: string; nsCidr: string };
}

/**
 * A private ovsdb-server + plain ovs-vswitchd and a private dockerd (tests/integration/private-daemons.ts),
 * the ovs-lab server (same .next-e2e build, operator token E2E_TOKEN) inside their namespace, and a
 * lab of two containers and the host on a userspace bridge. The plain vswitchd has no DPDK, so the
 * lab has no DPDK port. Whatever fails half-way, what was made is removed before the error is thrown.
 */
export async function startPrivateLabServer(options: PrivateLabOptions): Promise<PrivateLabServer> {
  const daemons = await startPrivateDaemons(options.link);
  const spec = faultLab(options.labId, options.subnet24);
  const url = `http://127.0.0.1:${options.port}`;
  let output = "";
  let child: ChildProcess | null = null;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      await labDown(url, E2E_TOKEN).catch((err: Error) => console.warn(`[daemon-faults e2e] lab down: ${err.message}`));
      await stopChild(child);
    }
    // A dockerd the server started again ("Start it again") keeps its pid file under its exec root.
    const restarted = await pidFromFile(path.join(daemons.dir, "docker/exec/dockerd.pid"));
    if (restarted) await stopPid(restarted, "SIGTERM", 20_000);
    await daemons.cleanup();
  };
  try {
    daemons.netns.forward(options.port);
    child = spawn("nsenter", [`--net=${daemons.netns.path}`, "--", process.execPath, "--import", "tsx", "server/main.ts"], {
      env: { ...process.env, ...daemons.env, OVSLAB_LAB_ID: options.labId, PORT: String(options.port), HOST: "0.0.0.0", OVSLAB_NEXT_DIST_DIR: E2E_NEXT_DIST_DIR, OVSLAB_TOKEN: E2E_TOKEN },
      stdio: ["ignore", "pipe", "pipe"],
      shell: false,
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const exited = new Promise<never>((_, reject) => child!.once("exit", (code, signal) => reject(new Error(`the server exited (${signal ?? code}):\n${output.slice(-4000)}`))));
    await Promise.race([waitForServer(url, 60_000), exited]);
    await labUp(url, spec, E2E_TOKEN);
    await matrixGreenWithin(url, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, spec, daemons, log: () => output, stop };
}

/** SIGTERM (the server stops gracefully within 6 s), then SIGKILL; nsenter exec'd node, so this is the server. */
async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Full matrix runs at the server's default probe timeout (what "Run tests" asks for) until one is all
 * green: right after `up` the first packets of each flow go through vswitchd's slow path.
 */
export async function matrixGreenWithin(url: string, ms: number): Promise<number> {
  const api = operatorApi(url, E2E_TOKEN);
  const started = Date.now();
  let failed = "no run yet";
  for (let attempt = 1; Date.now() - started < ms; attempt++) {
    const run = await api.matrixRun({ body: { protocols: ["icmp", "tcp", "udp"] }, timeoutMs: 20_000 }).catch((err: Error) => ({ results: [], error: err.message }));
    const bad = run.results.filter((r) => !r.ok).map((r) => `${r.protocol} ${r.from}>${r.to} ${r.error}`);
    failed = "error" in run ? run.error : bad.join(", ");
    if (run.results.length > 0 && bad.length === 0) return Date.now() - started;
    console.log(`[daemon-faults e2e] matrix attempt ${attempt} after ${Date.now() - started} ms: ${run.results.length} results, failed: ${failed}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the matrix was not all green within ${ms} ms: ${failed}`);
}
