/**
 * Load figures (issue 9): what a user gets while 1,000 requests hit a real server at once.
 * Three processes, so no one's event loop is measured as another's: the server (`--api-only`, a child),
 * the load generator (this file again, with `--generate`, a child) and this one, which only observes:
 * health latency (and, beside it, a 404 that costs no work) every 50 ms, the server's process tree, RSS
 * and scheduling from /proc every 20 ms.
 * `runLoadBench()` is called by bench/main.ts; `npx tsx bench/load-bench.ts` runs it alone. Figures only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createApiClient } from "../lib/api-client/api-client";
import type { MatrixRequest } from "../lib/contracts/api-inputs";
import { API_ROUTES, routePath } from "../lib/contracts/api-routes";
import { seedLabAs } from "../server/lab/derived-labs";

const projectRoot = path.resolve(import.meta.dirname, "..");
const PORT = 3995;
const LAB_ID = "ld";
const DATA_DIR = path.join(projectRoot, ".cache/bench-load-data");
const REQUESTS = 1000;
const HEALTH_TARGET_MS = 200;
const SPAWN_CAP = 32;
/** Distinct matrix requests besides `{}`: more than the 1 running + 8 waiting, so some keys are refused. */
const OTHER_BODIES: MatrixRequest[] = [
  ...[["icmp"], ["tcp"], ["udp"], ["icmp", "tcp"], ["icmp", "udp"], ["tcp", "udp"]].map((p) => ({ protocols: p as MatrixRequest["protocols"] })),
  { protocols: ["icmp", "tcp", "udp"], timeoutMs: 150 },
  { protocols: ["icmp", "tcp", "udp"], timeoutMs: 250 },
  { protocols: ["icmp", "tcp", "udp"], pairs: [["c1", "c2"]] },
  { protocols: ["icmp", "tcp", "udp"], pairs: [["c2", "server"]] },
  { protocols: ["icmp", "tcp", "udp"], pairs: [["host", "c1"]] },
];
const matrixBody = (i: number): MatrixRequest | Record<string, never> => (i % 2 === 0 ? {} : OTHER_BODIES[(i >> 1) % OTHER_BODIES.length]);

// ---- the load generator (child process) ----

type LoadJob = { kind: "matrix" | "interface"; baseUrl: string; token: string; count: number; timeoutMs: number };
interface Outcome { status: number; ms: number; merged?: boolean; runId?: string; retryAfter?: string | null; error?: string }
/** `cpuS`: the generator's own CPU time, which this 2-core machine does not give the server meanwhile. */
type LoadResult = { wallMs: number; cpuS: number; outcomes: Outcome[] };

/**
 * One request on a connection of its own, as from 1,000 users. node:http rather than fetch (the typed
 * client): on this 2-core machine fetch's own CPU would be taken from the server it measures.
 */
function send(url: string, init: { method: string; headers: Record<string, string>; body?: string; timeoutMs: number }) {
  return new Promise<{ status: number; retryAfter: string | null; text: string }>((resolve, reject) => {
    const { body, timeoutMs, ...options } = init;
    const req = httpRequest(url, { ...options, agent: false, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      let text = "";
      res.setEncoding("utf8").on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] ?? null, text }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function oneRequest(job: LoadJob, i: number): Promise<Outcome> {
  const t0 = performance.now();
  // Matrix runs are the operator's; interface reads come from a viewer (no credential).
  const { path: route, ...request }: { path: string; method: string; headers: Record<string, string>; body?: string } =
    job.kind === "matrix"
      ? { path: routePath(API_ROUTES.matrixRun.path), method: "POST", headers: { authorization: `Bearer ${job.token}`, "content-type": "application/json" }, body: JSON.stringify(matrixBody(i)) }
      : { path: routePath(API_ROUTES.interface.path, { id: "c1:eth0" }), method: "GET", headers: {} };
  try {
    const res = await send(job.baseUrl + route, { ...request, timeoutMs: job.timeoutMs });
    const outcome: Outcome = { status: res.status, ms: performance.now() - t0, retryAfter: res.retryAfter };
    if (job.kind === "matrix" && res.status === 200) ({ merged: outcome.merged, runId: outcome.runId } = JSON.parse(res.text) as { merged: boolean; runId: string });
    return outcome;
  } catch (err) {
    const why = err instanceof Error && err.name === "AbortError" ? `in ${job.timeoutMs} ms` : `(${(err as NodeJS.ErrnoException).code ?? String(err)})`;
    return { status: 0, ms: performance.now() - t0, error: why };
  }
}

function generateLoad(): void {
  process.once("message", (job: LoadJob) => {
    const [t0, cpu0] = [performance.now(), process.cpuUsage()];
    void Promise.all(Array.from({ length: job.count }, (_, i) => oneRequest(job, i))).then((outcomes) => {
      const cpu = process.cpuUsage(cpu0);
      process.send!({ wallMs: performance.now() - t0, cpuS: (cpu.user + cpu.system) / 1e6, outcomes } satisfies LoadResult, () => process.exit(0));
    });
  });
  process.send!("ready");
}

/** Starts the generator, lets `onReady` start the samplers, then fires the job; bounded by `limitMs`. */
function runGenerator(job: LoadJob, onReady: () => void, limitMs: number): Promise<LoadResult> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--generate"], { cwd: projectRoot, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise<LoadResult>((resolve, reject) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("message", (m: "ready" | LoadResult) => (m === "ready" ? (onReady(), child.send(job)) : resolve(m)));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`load generator ended (${signal ?? code}) without a result`));
    });
  });
}

// ---- the observer: /proc and health ----

function readStat(pid: number): { ppid: number; comm: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")"); // comm may hold spaces and parentheses
    return { comm: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(stat.slice(close + 2).split(" ")[1]) };
  } catch {
    return null; // it exited between readdir and read
  }
}

const cmdline = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
};
/** The main thread's (the event loop's) seconds on a CPU and seconds runnable but waiting for one. */
function schedSeconds(pid: number): { onCpu: number; waiting: number } {
  const [onCpu, waiting] = readFileSync(`/proc/${pid}/schedstat`, "utf8").split(" ").map((ns) => Number(ns) / 1e9);
  return { onCpu, waiting };
}
const loadAverage = (): string => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

const rssKb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/**
 * The server's descendants (no /proc/<pid>/task/<tid>/children on this kernel: a scan of /proc/*\/stat).
 * A process once seen outside the tree never enters it (reparenting goes to init), so it is read once
 * while it lives; pids are read after the whole listing, so a wrapped pid's parent is still found.
 */
class ProcessTree {
  private readonly outside = new Set<number>();
  constructor(readonly root: number) {}

  descendants(): { pid: number; comm: string }[] {
    const pids = readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);
    const alive = new Set(pids);
    for (const pid of this.outside) if (!alive.has(pid)) this.outside.delete(pid);
    const info = new Map<number, { ppid: number; comm: string }>();
    for (const pid of pids) {
      const stat = pid === this.root || this.outside.has(pid) ? null : readStat(pid);
      if (stat) info.set(pid, stat);
    }
    const tree = new Set([this.root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, s] of info)
        if (!tree.has(pid) && tree.has(s.ppid)) {
          tree.add(pid);
          grew = true;
        }
    }
    for (const pid of info.keys()) if (!tree.has(pid)) this.outside.add(pid);
    // A child between fork and exec is still called node, with the server's own command line.
    const own = cmdline(this.root);
    const named = (pid: number, comm: string) => (comm === "node" && cmdline(pid) === own ? "(fork)" : comm);
    return [...info].filter(([pid]) => tree.has(pid)).map(([pid, s]) => ({ pid, comm: named(pid, s.comm) }));
  }
}

interface TreeFigures { samples: number; maxGapMs: number; peakRssKb: number; peakAll: number; peakAgents: number; peakLongLived: number; peakShort: number; peakByName: Map<string, number>; shortSeen: number }

/** Every 20 ms: descendants as probe agents (node), long-lived (there at baseline) and short-lived programs. */
function sampleTree(tree: ProcessTree, baseline: Set<number>) {
  const f: TreeFigures = { samples: 0, maxGapMs: 0, peakRssKb: 0, peakAll: 0, peakAgents: 0, peakLongLived: 0, peakShort: 0, peakByName: new Map(), shortSeen: 0 };
  const seen = new Set<number>();
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    f.maxGapMs = Math.max(f.maxGapMs, now - last);
    last = now;
    const procs = tree.descendants();
    const agents = procs.filter((p) => p.comm === "node");
    const short = procs.filter((p) => p.comm !== "node" && !baseline.has(p.pid));
    f.samples++;
    f.peakRssKb = Math.max(f.peakRssKb, rssKb(tree.root));
    f.peakAll = Math.max(f.peakAll, procs.length);
    f.peakAgents = Math.max(f.peakAgents, agents.length);
    f.peakLongLived = Math.max(f.peakLongLived, procs.length - agents.length - short.length);
    f.peakShort = Math.max(f.peakShort, short.length);
    const byName = new Map<string, number>();
    for (const p of short) byName.set(p.comm, (byName.get(p.comm) ?? 0) + 1);
    for (const [name, n] of byName) f.peakByName.set(name, Math.max(n, f.peakByName.get(name) ?? 0));
    for (const p of short) seen.add(p.pid);
    f.shortSeen = seen.size;
  };
  const timer = setInterval(tick, 20);
  tick();
  return { stop: (): TreeFigures => (clearInterval(timer), f) };
}

type Sample = { ms: number; status: number };

/** Every 50 ms, a request of its own (they may overlap when the server is slow). */
function sampleLatency(request: () => Promise<Response>) {
  const samples: Sample[] = [];
  const pending = new Set<Promise<void>>();
  const tick = () => {
    const t0 = performance.now();
    const p = request()
      .then(async (res) => (await res.text(), res.status))
      .then(
        (status) => void samples.push({ ms: performance.now() - t0, status }),
        () => void samples.push({ ms: performance.now() - t0, status: 0 }), // no answer within the timeout
      );
    pending.add(p);
    void p.then(() => pending.delete(p));
  };
  const timer = setInterval(tick, 50);
  return { stop: async () => (clearInterval(timer), await Promise.all(pending), samples) };
}

// ---- figures ----

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mib = (kb: number) => `${(kb / 1024).toFixed(1)} MiB`;
const spread = (xs: number[]) => (xs.length ? `p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, p99 ${ms(pct(xs, 99))}, max ${ms(Math.max(...xs))}` : "none");
const countBy = <T>(xs: T[], key: (x: T) => string) => [...xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>())].map(([k, n]) => `${k} × ${n}`).join(", ");

function printObserved(health: Sample[], floor: Sample[], t: TreeFigures): void {
  const answered = health.filter((h) => h.status === 200);
  const worst = Math.max(...health.map((h) => h.ms));
  const met = health.length > 0 && answered.length === health.length && worst < HEALTH_TARGET_MS;
  const over = health.filter((h) => h.ms >= HEALTH_TARGET_MS).length;
  console.log(`  health, every 50 ms: ${health.length} samples (${countBy(health, (h) => String(h.status || "no answer"))}), p50 ${ms(pct(health.map((h) => h.ms), 50))}, p95 ${ms(pct(health.map((h) => h.ms), 95))}, max ${ms(worst)}, ${over} at or over ${HEALTH_TARGET_MS} ms  target < ${HEALTH_TARGET_MS} ms  ${met ? "MET" : "MISSED"}`);
  console.log(`  beside it, a request that does no work (404, the same event loop): p50 ${ms(pct(floor.map((h) => h.ms), 50))}, p95 ${ms(pct(floor.map((h) => h.ms), 95))}, max ${ms(Math.max(...floor.map((h) => h.ms)))}`);
  const names = [...t.peakByName].sort((a, b) => b[1] - a[1]).map(([n, k]) => `${n} ${k}`).join(", ") || "none";
  console.log(`  processes under the server (${t.samples} samples, largest gap ${ms(t.maxGapMs)}): peak ${t.peakAll}; probe agents ${t.peakAgents}, long-lived ${t.peakLongLived}, short-lived ${t.peakShort} (peak per name: ${names})  cap ${SPAWN_CAP}  ${t.peakShort <= SPAWN_CAP ? "MET" : "MISSED"}`);
  console.log(`  short-lived programs seen: ${t.shortSeen} (a 20 ms sample misses the quickest); server RSS peak ${mib(t.peakRssKb)}`);
}

function printMatrix(r: LoadResult): void {
  const ok = r.outcomes.filter((o) => o.status === 200);
  const busy = r.outcomes.filter((o) => o.status === 429);
  const other = r.outcomes.filter((o) => o.status !== 200 && o.status !== 429);
  const merged = ok.filter((o) => o.merged).length;
  console.log(`  ${r.outcomes.length} requests over ${ms(r.wallMs)}: 200 × ${ok.length} (merged ${merged}, own run ${ok.length - merged}; ${new Set(ok.map((o) => o.runId)).size} runs in all), 429 × ${busy.length} (Retry-After on ${busy.filter((o) => o.retryAfter).length}), other: ${countBy(other, (o) => (o.status ? String(o.status) : `no answer ${o.error}`)) || "none"}`);
  console.log(`  latency: 200 ${spread(ok.map((o) => o.ms))}; 429 ${spread(busy.map((o) => o.ms))}; the generator used ${r.cpuS.toFixed(1)} s of CPU`);
}

function printInterfaces(r: LoadResult): void {
  console.log(`  ${r.outcomes.length} requests over ${ms(r.wallMs)}: ${countBy(r.outcomes, (o) => (o.status ? String(o.status) : `no answer ${o.error}`))}`);
  console.log(`  latency: ${spread(r.outcomes.map((o) => o.ms))}; the generator used ${r.cpuS.toFixed(1)} s of CPU`);
}

// ---- the run ----

interface ServerChild { child: ChildProcess; url: string; token: string; log: () => string }

async function startServerChild(): Promise<ServerChild> {
  const token = randomBytes(24).toString("base64url");
  // BENCH_LOAD_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
  const nodeArgs = (process.env.BENCH_LOAD_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", "server/main.ts", "--api-only"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(PORT), HOST: "127.0.0.1", OVSLAB_LAB_ID: LAB_ID, OVSLAB_TOKEN: token, OVSLAB_DATA_DIR: DATA_DIR },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log = (log + d).slice(-200_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-200_000)));
  const url = `http://127.0.0.1:${PORT}`;
  for (const deadline = Date.now() + 60_000; ; await new Promise((r) => setTimeout(r, 250))) {
    if (child.exitCode !== null) throw new Error(`the server exited at start:\n${log}`);
    if (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer in 60 s:\n${log}`);
    }
  }
  return { child, url, token, log: () => log };
}

async function stopServerChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(kill);
}

/** Health, the process tree and the server's scheduling, from now until stop() (which prints them and returns the peak RSS in kB). */
function observe(server: ServerChild, tree: ProcessTree, baseline: Set<number>): { stop: () => Promise<number> } {
  const viewer = createApiClient({ baseUrl: server.url });
  const health = sampleLatency(() => viewer.response("health", { timeoutMs: 5000 }));
  const floor = sampleLatency(() => fetch(`${server.url}/api/no-such-route`, { signal: AbortSignal.timeout(5000) }));
  const procs = sampleTree(tree, baseline);
  const [sched0, t0] = [schedSeconds(tree.root), performance.now()];
  return {
    stop: async () => {
      const figures = procs.stop();
      const [sched, wall] = [schedSeconds(tree.root), (performance.now() - t0) / 1000];
      printObserved(await health.stop(), await floor.stop(), figures);
      const [onCpu, waiting] = [sched.onCpu - sched0.onCpu, sched.waiting - sched0.waiting];
      const share = (s: number) => `${s.toFixed(1)} s (${((s / wall) * 100).toFixed(0)}%)`;
      console.log(`  server's event loop over ${wall.toFixed(1)} s: on a CPU ${share(onCpu)}, runnable but waiting for a CPU ${share(waiting)}; machine load average ${loadAverage()}`);
      return figures.peakRssKb;
    },
  };
}

/** One burst, observed from the moment the generator is ready to its last answer; the server's peak RSS (kB). */
async function phase(title: string, server: ServerChild, tree: ProcessTree, baseline: Set<number>, job: LoadJob, print: (r: LoadResult) => void): Promise<number> {
  console.log(`\n${title}`);
  let observing: { stop: () => Promise<number> } | undefined;
  const finish = async () => (observing ? observing.stop() : 0);
  let result: LoadResult;
  try {
    result = await runGenerator(job, () => (observing = observe(server, tree, baseline)), 150_000);
  } catch (err) {
    await finish(); // what the server did is still worth seeing
    throw err;
  }
  print(result);
  return finish();
}

export async function runLoadBench(): Promise<void> {
  await rm(DATA_DIR, { recursive: true, force: true });
  const server = await startServerChild();
  const pid = server.child.pid!;
  const operator = createApiClient({ baseUrl: server.url, token: server.token });
  try {
    console.log(`\nload bench: a real server (pid ${pid}, --api-only) on ${server.url}, lab ${LAB_ID} (the seed lab), ${REQUESTS} requests a phase; ${availableParallelism()} cores, load average ${loadAverage()}`);
    const t0 = performance.now();
    await operator.labUp({ body: { spec: seedLabAs(LAB_ID, "10.77.160") }, timeoutMs: 120_000 });
    const t1 = performance.now();
    const warm = await operator.matrixRun({ timeoutMs: 60_000 });
    console.log(`  lab up ${ms(t1 - t0)}; warm-up matrix ${ms(performance.now() - t1)} (${warm.results.length} probes)`);
    await new Promise((r) => setTimeout(r, 2000));
    const tree = new ProcessTree(pid);
    const start = tree.descendants();
    const baselineRss = rssKb(pid);
    console.log(`  baseline: server RSS ${mib(baselineRss)}; ${start.length} processes under it (${countBy(start, (p) => p.comm)})`);
    const baseline = new Set(start.filter((p) => p.comm !== "node").map((p) => p.pid));
    console.log(`\nidle, 3 s without load (what this machine gives at rest)`);
    const idle = observe(server, tree, baseline);
    await new Promise((r) => setTimeout(r, 3000));
    await idle.stop();
    const job = { baseUrl: server.url, token: server.token, count: REQUESTS };
    const peakA = await phase(`phase A: ${REQUESTS} concurrent POST /api/matrix as the operator (half {}, half over ${OTHER_BODIES.length} other bodies)`, server, tree, baseline, { ...job, kind: "matrix", timeoutMs: 60_000 }, printMatrix);
    const peakB = await phase(`phase B: ${REQUESTS} concurrent GET /api/interfaces/c1:eth0 as a viewer`, server, tree, baseline, { ...job, kind: "interface", timeoutMs: 30_000 }, printInterfaces);
    const peakRss = Math.max(baselineRss, peakA, peakB);
    await new Promise((r) => setTimeout(r, 5000));
    const after = rssKb(pid);
    const change = ((after - baselineRss) / baselineRss) * 100;
    console.log(`\nmemory: server RSS baseline ${mib(baselineRss)}, peak ${mib(peakRss)} (phases sampled every 20 ms), 5 s after the last answer ${mib(after)} (${change >= 0 ? "+" : ""}${change.toFixed(0)}%)  target at most 20% above baseline  ${change <= 20 ? "MET" : "MISSED"}`);
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const rejections = server.log().split("\n").filter((l) => /unhandled|uncaught/i.test(l)).length;
    console.log(`server: ${alive ? "still running" : `EXITED (${server.child.signalCode ?? server.child.exitCode})`}; ${rejections} unhandled-error line(s) in its log`);
  } finally {
    await operator
      .labDown({ timeoutMs: 60_000 })
      .catch((err: unknown) => console.error(`  could not bring lab ${LAB_ID} down (${String(err)}): PORT=${PORT + 1} npm run cli -- down --lab ${LAB_ID}`));
    await stopServerChild(server.child);
    await rm(DATA_DIR, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (process.argv.includes("--generate")) generateLoad();
  else
    runLoadBench().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
}
