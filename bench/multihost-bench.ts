/**
 * The multi-host row of `npm run bench`: three simulated hosts on one OVN logical switch
 * (Geneve between them), ten containers on each, through the real server's HTTP API.
 * Lab "bm3": endpoints in 10.77.230.0/24, underlay in 10.77.231.0/24. Skip with BENCH_SKIP_MULTIHOST=1.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../server/config/env";
import { startServer } from "../server/app/start-server";
import { createApiClient } from "../lib/api-client/api-client";
import type { LabSpec } from "../lib/lab-spec/schema";
import { runCommand } from "../server/run-command/run-command";
import { hostNames, LAB_RUN_ROOT } from "../server/multihost/host-names";
import { ensureBuild } from "./ui-bench";

const projectRoot = path.resolve(import.meta.dirname, "..");
const LAB = "bm3";
const HOSTS = ["a", "b", "c"];
const PER_HOST = 10;
const UPS = Number(process.env.BENCH_MULTIHOST_UPS ?? 3);
const MATRIX_RUNS = Number(process.env.BENCH_MULTIHOST_RUNS ?? 3);

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}
const fmt = (label: string, samples: number[]) => {
  const s = stats(samples);
  return `${label}: median ${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)}, n=${samples.length})`;
};

/** 3 hosts × 10 containers (c1..c10 on a, c11..c20 on b, c21..c30 on c), TX offload as the spec's default. */
export function threeHostLab(): LabSpec {
  return {
    id: LAB,
    title: "Bench: 3 hosts × 10 containers over OVN/Geneve",
    description: "",
    hosts: HOSTS.map((name, i) => ({ name, underlay: `10.77.231.${i + 1}/24`, datapath: "netdev" as const })),
    endpoints: HOSTS.flatMap((host, h) =>
      Array.from({ length: PER_HOST }, (_, i) => ({
        name: `c${h * PER_HOST + i + 1}`,
        kind: "container" as const,
        host,
        address: `10.77.230.${h * PER_HOST + i + 11}/24`,
        attach: { via: "veth" as const },
        offload: {},
      })),
    ),
  } as unknown as LabSpec;
}

/** What of the lab is still on the machine after its down: names of namespaces, processes, OVN rows, run dirs. */
async function leftovers(): Promise<string[]> {
  const left: string[] = [];
  const netns = (await runCommand("ip", ["netns", "list"])).stdout;
  left.push(...netns.split("\n").filter((l) => HOSTS.some((h) => l.startsWith(hostNames.netns(LAB, h))) || l.startsWith(`ovslab-${LAB}-`)));
  const runDir = path.join(LAB_RUN_ROOT, LAB);
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      if (args.includes(`${runDir}/`)) left.push(`process ${pid}: ${args.slice(0, 80)}`);
    } catch {
      // gone meanwhile
    }
  }
  const nb = (await runCommand("ovn-nbctl", ["show"])).stdout;
  if (nb.includes(hostNames.logicalSwitch(LAB)) || nb.includes(`${LAB}-c`)) left.push("OVN NB: logical switch or ports");
  const sb = (await runCommand("ovn-sbctl", ["--columns=name", "list", "Chassis"])).stdout;
  left.push(...HOSTS.filter((h) => sb.includes(hostNames.chassis(LAB, h))).map((h) => `OVN SB chassis ${hostNames.chassis(LAB, h)}`));
  if ((await runCommand("ovs-vsctl", ["list-br"])).stdout.split("\n").includes(hostNames.underlayBridge(LAB))) left.push(`bridge ${hostNames.underlayBridge(LAB)}`);
  if (existsSync(runDir)) left.push(runDir);
  return left;
}

export async function runMultiHostBench(): Promise<void> {
  await ensureBuild();
  const spec = threeHostLab();
  const config = loadConfig([], { ...process.env, OVSLAB_LAB_ID: LAB });
  // Port 0: the kernel picks a free one, so no other bench or test server collides with it.
  const server = await startServer({ ...config, apiOnly: false, dev: false, port: 0, host: "127.0.0.1", bootTemplate: "", projectRoot, dataDir: path.join(projectRoot, ".cache/bench-data") });
  const api = createApiClient({ baseUrl: server.url, token: server.operatorToken.token });
  const ups: number[] = [];
  const downs: number[] = [];
  const wall: number[] = [];
  const engine: number[] = [];
  let probes = 0;
  let failing = "";
  let firstRun = 0;
  try {
    await api.labDown();
    for (let i = 0; i < UPS; i++) {
      let t = performance.now();
      await api.labUp({ body: { spec } });
      ups.push(performance.now() - t);
      if (i === UPS - 1) {
        // The first run starts the probe agents: reported apart.
        t = performance.now();
        await api.matrixRun();
        firstRun = performance.now() - t;
        for (let r = 0; r < MATRIX_RUNS; r++) {
          t = performance.now();
          const run = await api.matrixRun();
          wall.push(performance.now() - t);
          engine.push(run.durationMs ?? 0);
          probes = run.results.length;
          failing = ["icmp", "tcp", "udp"].map((p) => `${p} ${run.results.filter((x) => x.protocol === p && !x.ok).length}`).join(", ");
        }
      }
      t = performance.now();
      await api.labDown();
      downs.push(performance.now() - t);
    }
    const left = await leftovers();
    console.log(`\n3 simulated hosts × ${PER_HOST} containers on one OVN logical switch over Geneve (offload on): ${probes} probes (failing: ${failing}), probe timeout ${config.probeTimeoutMs} ms; the server with its UI`);
    console.log(`  ${fmt("lab up from nothing, HTTP request to answer", ups)}`);
    console.log(`  first matrix run (starts agents): ${firstRun.toFixed(0)} ms`);
    console.log(`  ${fmt("matrix, HTTP request to full answer", wall)}`);
    console.log(`  ${fmt("matrix, engine only", engine)}`);
    console.log(`  ${fmt("lab down, HTTP request to answer", downs)}`);
    console.log(`  left after down: ${left.length ? left.join("; ") : "nothing (no ovshost-bm3-* namespace, no daemon under /run/ovs-lab/bm3, no NB/SB rows, no underlay bridge)"}`);
  } finally {
    await api.labDown().catch(() => undefined);
    await server.close();
  }
}
