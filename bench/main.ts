/**
 * `npm run bench`: real labs on the real OVS/DPDK/Docker, measured end to end.
 * Prints figures; asserts nothing (targets are read by people, not by CI).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config/env";
import { startServer } from "../server/app/start-server";
import { createApiClient } from "../lib/api-client/api-client";
import { mininetPingAll } from "./peer-mininet";
import type { LabSpec } from "../lib/lab-spec/schema";
import { containersLab, seedLabAs } from "../server/lab/derived-labs";
import { spawnPool } from "../server/run-command/spawn-pool";
import { ensureBuild } from "./ui-bench";
import { samplePmdLoad } from "../server/host/pmd-load";

const projectRoot = path.resolve(import.meta.dirname, "..");

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** The small labs' runs take tens of milliseconds each, and this machine moves by as much from one to the next: more of them give a steadier median. */
const SMALL_LAB_RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Mininet's pingAll, a second or more each; its time moves by a fifth from run to run here, and the ratio's denominator is its median. */
const PEER_RUNS = Number(process.env.BENCH_RUNS ?? 9);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

interface LabTargets {
  matrixMs: number;
  upMs: number;
  /** Lab ups (each after a down): a hundred containers take a while. */
  upRuns: number;
  /** Matrix runs measured after the first. */
  runs: number;
  /** The endpoint behind a DPDK port: ICMP RTTs to and from it, and the PMD's CPU once the runs are over, are printed. */
  dpdkEndpoint?: string;
}

/**
 * What a user gets: the real server with its UI (a production build), a lab brought up from nothing
 * through the HTTP API, then full matrices. Returns the matrix median, for the ratio to the peer.
 */
async function benchLab(label: string, spec: LabSpec, targets: LabTargets): Promise<number> {
  await ensureBuild();
  const config = loadConfig([], { ...process.env, OVSLAB_LAB_ID: spec.id });
  const server = await startServer({ ...config, apiOnly: false, dev: false, port: 0, host: "127.0.0.1", bootTemplate: "", projectRoot, dataDir: path.join(projectRoot, ".cache/bench-data") });
  const api = createApiClient({ baseUrl: server.url, token: server.operatorToken.token });
  try {
    await api.labDown(); // from nothing, whatever an earlier run left
    const ups: number[] = [];
    let upSpawns = 0;
    for (let i = 0; i < targets.upRuns; i++) {
      if (i > 0) await api.labDown();
      const spawnsBefore = spawnPool.stats().started;
      const t0 = performance.now();
      await api.labUp({ body: { spec } });
      ups.push(performance.now() - t0);
      upSpawns = spawnPool.stats().started - spawnsBefore;
    }
    // The first run starts the probe agents; it is reported apart.
    const first = performance.now();
    await api.matrixRun();
    const warmup = performance.now() - first;
    const wall: number[] = [];
    const engine: number[] = [];
    const dpdkRtts: number[] = [];
    let probes = 0;
    let failing = 0;
    for (let i = 0; i < targets.runs; i++) {
      const t = performance.now();
      const run = await api.matrixRun();
      wall.push(performance.now() - t);
      engine.push(run.durationMs ?? 0);
      probes = run.results.length;
      failing = run.results.filter((r) => !r.ok).length;
      const throughDpdk = (r: (typeof run.results)[number]) => r.protocol === "icmp" && r.ok && r.rttMs !== null && (r.from === targets.dpdkEndpoint || r.to === targets.dpdkEndpoint);
      for (const r of run.results) if (throughDpdk(r)) dpdkRtts.push(r.rttMs!);
    }
    const u = stats(ups);
    const w = stats(wall);
    const e = stats(engine);
    console.log(`\n${label}: ${probes} probes (${failing} failing), ${targets.runs} runs, probe timeout ${config.probeTimeoutMs} ms; the server with its UI`);
    console.log(`  lab up from nothing, HTTP request to answer: median ${u.median.toFixed(0)} ms (min ${u.min.toFixed(0)}, max ${u.max.toFixed(0)}, n=${ups.length}; ${upSpawns} programs run)  target <= ${targets.upMs} ms  ${u.median <= targets.upMs ? "MET" : "MISSED"}`);
    console.log(`  first run (starts agents): ${warmup.toFixed(0)} ms`);
    console.log(`  matrix, HTTP request to full answer: median ${w.median.toFixed(0)} ms (min ${w.min.toFixed(0)}, max ${w.max.toFixed(0)})  target <= ${targets.matrixMs} ms  ${w.median <= targets.matrixMs ? "MET" : "MISSED"}`);
    console.log(`  matrix, engine only:                 median ${e.median} ms (min ${e.min}, max ${e.max})`);
    if (targets.dpdkEndpoint) await printDpdkFigures(targets.dpdkEndpoint, dpdkRtts, config.ovsRunDir);
    return w.median;
  } finally {
    await api.labDown().catch(() => undefined);
    await server.close();
  }
}

/**
 * The PMD naps at most 0.5 ms between polls while a run is in progress and 10 ms again 1.5 s after it: the RTTs through the DPDK port
 * (taken during the runs) and the PMD thread's CPU at rest (sampled once the nap is back) are both figures a user gets.
 */
async function printDpdkFigures(endpoint: string, rtts: number[], ovsRunDir: string): Promise<void> {
  if (rtts.length === 0) {
    console.log(`  ICMP RTT through the DPDK port: no ICMP result to or from ${endpoint} succeeded`);
  } else {
    const r = stats(rtts);
    console.log(`  ICMP RTT through the DPDK port (to and from ${endpoint}) during the runs: median ${r.median.toFixed(2)} ms (min ${r.min.toFixed(2)}, max ${r.max.toFixed(2)}, n=${rtts.length})  target <= 1 ms  ${r.median <= 1 ? "MET" : "MISSED"}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const load = await samplePmdLoad(ovsRunDir, 3000);
  const cpu = load.reduce((sum, t) => sum + t.cpuPercent, 0);
  const threads = load.map((t) => `${t.name} ${t.cpuPercent}%`).join(", ") || "no PMD thread found";
  console.log(`  PMD CPU at rest (3 s sampled 2.5 s after the last run): ${cpu.toFixed(1)} % of a core (${threads})  target <= 10 %  ${load.length > 0 && cpu <= 10 ? "MET" : "MISSED"}`);
}

/** Mininet's ICMP-only pingAll on 20 hosts, same OVS, same run: the ratio does not depend on the machine. */
async function comparePeer(ovsLabMedianMs: number): Promise<void> {
  const peer = await mininetPingAll(20, PEER_RUNS);
  if (!peer) return;
  const p = stats(peer.runsMs);
  const ratio = ovsLabMedianMs / p.median;
  console.log(`
Mininet pingAll, 20 hosts, one OVS userspace switch (ICMP only, ${peer.runsMs.length} runs, ${peer.lossPercent ?? "?"}% lost): median ${p.median.toFixed(0)} ms (min ${p.min.toFixed(0)}, max ${p.max.toFixed(0)})`);
  console.log(`  ovs-lab's full ICMP+TCP+UDP matrix on 20 containers + host / Mininet's pingAll: ${ratio.toFixed(3)}  target <= 0.05  ${ratio <= 0.05 ? "MET" : "MISSED"}`);
}

async function main(): Promise<void> {
  console.log(`ovs-lab bench on ${process.platform}, node ${process.version}, ${new Date().toISOString()}`);
  // BENCH_SKIP_SMALL=1: only what follows the seed and 20-container labs (and the peer).
  if (process.env.BENCH_SKIP_SMALL !== "1") {
    await benchLab("seed lab (host, c1, c2, server behind DPDK; offload on)", seedLabAs("bs", "10.77.50"), { matrixMs: 40, upMs: 4000, upRuns: 3, runs: SMALL_LAB_RUNS, dpdkEndpoint: "server" });
    const twenty = await benchLab("20 containers + host on one userspace bridge (offload on)", containersLab("bc", "10.77.51", 20, { hostEndpoint: true }), { matrixMs: 120, upMs: 4000, upRuns: 3, runs: SMALL_LAB_RUNS });
    await comparePeer(twenty);
  }
  if (process.env.BENCH_SKIP_100 !== "1")
    await benchLab("100 containers + host on one userspace bridge (offload on)", containersLab("bh", "10.77.52", 100, { hostEndpoint: true }), { matrixMs: 3000, upMs: 20_000, upRuns: 1, runs: RUNS });
  if (process.env.BENCH_SKIP_MULTIHOST !== "1") {
    const { runMultiHostBench } = await import("./multihost-bench");
    await runMultiHostBench();
  }
  const uiBench = path.join(projectRoot, "bench/ui-bench.ts");
  if (existsSync(uiBench) && process.env.BENCH_SKIP_UI !== "1") {
    const { runUiBench } = (await import(uiBench)) as { runUiBench: () => Promise<void> };
    await runUiBench();
  }
  if (process.env.BENCH_SKIP_CLASS !== "1") {
    const { runClassBench } = await import("./class-bench");
    await runClassBench();
  }
  if (process.env.BENCH_SKIP_LOAD !== "1") {
    const { runLoadBench } = await import("./load-bench");
    await runLoadBench();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
