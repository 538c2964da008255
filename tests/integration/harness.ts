import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { seedLabAs } from "../../server/lab/derived-labs";
import { createApiClient, type ApiClient } from "../../lib/api-client/api-client";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

/** The seed lab under another id and /24, so tests never touch a user's lab. */
export const seedSpec = seedLabAs;

export interface TestServer {
  url: string;
  /** The server's process id (its children are found from it). */
  pid: number;
  labId: string;
  /** The operator token this server was started with; get/post/del send it. */
  token: string;
  /** The typed client, as the operator. */
  api: ApiClient;
  get: <T = unknown>(p: string) => Promise<{ status: number; body: T }>;
  post: <T = unknown>(p: string, body?: unknown, raw?: string) => Promise<{ status: number; body: T }>;
  del: <T = unknown>(p: string) => Promise<{ status: number; body: T }>;
  stop: () => Promise<void>;
  /** Sends a signal and waits for the exit (leaves the lab as the server left it): how it ended and how long it took. */
  terminate: (signal: NodeJS.Signals) => Promise<{ code: number | null; signal: string | null; ms: number; log: string }>;
}

export interface TestServerOptions {
  /**
   * Run the server inside this network namespace (a path such as /run/netns/NAME), as beside a private
   * OVS pair; the caller makes 127.0.0.1:port reach it (tests/integration/private/private-netns.ts forward).
   */
  netns?: string;
}

/** A real ovs-lab server (API only) for one test lab; stop() brings the lab down and ends the server. */
export async function startTestServer(labId: string, port: number, extraEnv: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  // A data directory of the test's own is kept; a default one goes with the server.
  const token = extraEnv.OVSLAB_TOKEN ?? randomBytes(24).toString("base64url");
  const ownDataDir = extraEnv.OVSLAB_DATA_DIR ? null : path.join(projectRoot, `.cache/test-data-${labId}`);
  const argv = [process.execPath, "--import", "tsx", "server/main.ts", "--api-only"];
  // nsenter execs node in place: the child's pid stays the server's.
  const [bin, args] = options.netns ? ["nsenter", [`--net=${options.netns}`, "--", ...argv]] : [argv[0], argv.slice(1)];
  const child: ChildProcess = spawn(bin, args, {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", OVSLAB_LAB_ID: labId, OVSLAB_TOKEN: token, ...(ownDataDir ? { OVSLAB_DATA_DIR: ownDataDir } : {}), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  let stopping = false;
  // A server that dies under a test says why: its own last words, not just "fetch failed".
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`[harness] test server ${labId} exited (${signal ?? code}) during the test; its log:\n${log.slice(-6000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const call = async <T>(method: string, p: string, body?: unknown, raw?: string) => {
    const res = await fetch(url + p, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: raw ?? (body === undefined ? (method === "GET" ? undefined : "{}") : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`test server exited early:\n${log}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`test server did not answer in 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    labId,
    token,
    pid: child.pid!,
    api: createApiClient({ baseUrl: url, token }),
    get: (p) => call("GET", p),
    del: (p) => call("DELETE", p),
    post: (p, body, raw) => call("POST", p, body, raw),
    terminate: async (sig) => {
      stopping = true;
      const started = Date.now();
      const exited = new Promise<[number | null, string | null]>((r) => child.once("exit", (code, signal) => r([code, signal])));
      child.kill(sig);
      const [code, signal] = await exited;
      return { code, signal, ms: Date.now() - started, log };
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // Listen for the exit before anything is awaited: a child that dies meanwhile must not hang stop().
        const exited = new Promise((r) => child.once("exit", r));
        await call("POST", "/api/lab/down").catch(() => undefined);
        stopping = true;
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
        await exited;
      }
      if (ownDataDir) await rm(ownDataDir, { recursive: true, force: true });
    },
  };
}
