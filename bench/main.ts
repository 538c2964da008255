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

const projectRoot = path.resolve(import.meta.dirname, "..");

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/** The median time from request to full answer, for the ratio to the peer. */
async function benchMatrix(label: string, spec: LabSpec, target: number): Promise<number> {
  const config = loadConfig([], { ...process.env, OVSLAB_LAB_ID: spec.id });
  const server = await startServer({ ...config, apiOnly: true, port: 0, host: "127.0.0.1", bootTemplate: "", dataDir: path.join(projectRoot, ".cache/bench-data") });
  const api = createApiClient({ baseUrl: server.url, token: server.operatorToken.token });
  try {
    const t0 = performance.now();
    await api.labUp({ body: { spec } });
    const upMs = performance.now() - t0;
    // The first run starts the probe agents; it is reported apart.
    const first = performance.now();
    await api.matrixRun();
    const warmup = performance.now() - first;
    const wall: number[] = [];
    const engine: number[] = [];
    let probes = 0;
    let failing = 0;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const run = await api.matrixRun();
      wall.push(performance.now() - t);
      engine.push(run.durationMs ?? 0);
      probes = run.results.length;
      failing = run.results.filter((r) => !r.ok).length;
    }
    const w = stats(wall);
    const e = stats(engine);
    console.log(`\n${label}: ${probes} probes (${failing} failing), ${RUNS} runs, probe timeout ${config.probeTimeoutMs} ms`);
    console.log(`  lab up: ${upMs.toFixed(0)} ms; first run (starts agents): ${warmup.toFixed(0)} ms`);
    console.log(`  matrix, HTTP request to full answer: median ${w.median.toFixed(0)} ms (min ${w.min.toFixed(0)}, max ${w.max.toFixed(0)})  target < ${target} ms  ${w.median < target ? "MET" : "MISSED"}`);
    console.log(`  matrix, engine only:                 median ${e.median} ms (min ${e.min}, max ${e.max})`);
    return w.median;
  } finally {
    await api.labDown().catch(() => undefined);
    await server.close();
  }
}

/** Mininet's ICMP-only pingAll on 20 hosts, same OVS, same run: the ratio does not depend on the machine. */
async function comparePeer(ovsLabMedianMs: number): Promise<void> {
  const peer = await mininetPingAll(20, RUNS > 3 ? 3 : RUNS);
  if (!peer) return;
  const p = stats(peer.runsMs);
  const ratio = ovsLabMedianMs / p.median;
  console.log(`
Mininet pingAll, 20 hosts, one OVS userspace switch (ICMP only, ${peer.runsMs.length} runs, ${peer.lossPercent ?? "?"}% lost): median ${p.median.toFixed(0)} ms (min ${p.min.toFixed(0)}, max ${p.max.toFixed(0)})`);
  console.log(`  ovs-lab's full ICMP+TCP+UDP matrix on 20 containers + host / Mininet's pingAll: ${ratio.toFixed(3)}  target <= 0.05  ${ratio <= 0.05 ? "MET" : "MISSED"}`);
}

async function main(): Promise<void> {
  console.log(`ovs-lab bench on ${process.platform}, node ${process.version}, ${new Date().toISOString()}`);
  await benchMatrix("seed lab (host, c1, c2, server behind DPDK; offload on)", seedLabAs("bs", "10.77.50"), 300);
  const twenty = await benchMatrix("20 containers on one userspace bridge (offload on)", containersLab("bc", "10.77.51", 20), 120);
  await comparePeer(twenty);
  const uiBench = path.join(projectRoot, "bench/ui-bench.ts");
  if (existsSync(uiBench) && process.env.BENCH_SKIP_UI !== "1") {
    const { runUiBench } = (await import(uiBench)) as { runUiBench: () => Promise<void> };
    await runUiBench();
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
