/**
 * ovs-lab command line: talks to the running server (OVSLAB_URL, or localhost:PORT),
 * or, when none answers, starts the same engine in this process for the one command.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../config/env";
import { startServer, type RunningServer } from "../app/start-server";
import { parseLabYaml } from "../lab/templates";
import { isOffloadFeature, OFFLOAD_FEATURE_NAMES } from "../../lib/contracts/offload";
import { PROTOCOLS, type Protocol } from "../../lib/contracts/matrix";
import { createApiClient, type ApiClient } from "../../lib/api-client/api-client";
import { readTokenFile } from "../auth/operator-token";
import { CliError, serverAnswers } from "./cli-errors";
import { formatMatrix } from "./format-matrix";
import { runSnapshotCommand } from "./snapshot-commands";

const USAGE = `usage: ovs-lab <command>
  up [-f lab.yaml | -t template]   bring a lab up (default: the seed template); idempotent
  down                              remove the current lab's bridge, containers, namespaces, veths
  status                            host facts and the lab's endpoints, ports and offload
  matrix [-p icmp,tcp,udp] [--timeout MS]
                                    test every ordered pair and print one grid per protocol
  offload <iface> <feature> on|off [<feature> on|off ...]
                                    e.g. offload c1:eth0 tx off   (features: ${OFFLOAD_FEATURE_NAMES.join(", ")})
  snapshot save|list|export|import|restore|compare|delete ...
                                    shareable lab snapshots (ovs-lab snapshot help)
options: --lab ID (which lab an in-process engine manages; default seed), OVSLAB_URL=http://host:port`;

function option(args: string[], ...names: string[]): string | undefined {
  const i = args.findIndex((a) => names.includes(a));
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("-")) throw new CliError(`${args[i]} needs a value`);
  args.splice(i, 2);
  return value;
}

async function up(api: ApiClient, args: string[]): Promise<void> {
  const file = option(args, "-f", "--file");
  const template = option(args, "-t", "--template");
  const body = file ? { spec: parseLabYaml(await readFile(path.resolve(file), "utf8"), file) } : { template: template ?? "seed" };
  const { labId, topology } = await api.labUp({ body });
  console.log(`lab ${labId} is up: ${topology.endpoints.map((e) => `${e.name} ${e.ipv4 ?? "-"} (${e.state})`).join(", ")}`);
}

async function status(api: ApiClient): Promise<void> {
  const { labId, host } = await api.health();
  const t = await api.topology();
  console.log(`OVS ${host.ovsVersion ?? "?"}, ${host.dpdkVersion ?? "no DPDK"} (initialised: ${host.dpdkInitialized}), Docker ${host.dockerVersion ?? "?"}`);
  console.log(`kernel datapath: ${host.kernelDatapath.available ? "available" : `not available: ${host.kernelDatapath.reason}`}`);
  if (!t.bridge) return console.log(`lab ${labId}: down (no bridge)`);
  console.log(`lab ${labId}: bridge ${t.bridge.name} (datapath ${t.bridge.datapathType})`);
  for (const p of t.bridge.ports) console.log(`  port ${p.name.padEnd(14)} ${p.type.padEnd(8)} link ${p.linkState ?? "-"}${p.error ? `  ERROR ${p.error}` : ""}`);
  for (const e of t.endpoints) console.log(`  ${e.kind.padEnd(9)} ${e.name.padEnd(8)} ${(e.ipv4 ?? "-").padEnd(15)} ${e.state}`);
  for (const i of t.interfaces) {
    const features = Object.entries(i.offload).map(([f, s]) => `${f}:${s.on ? "on" : "off"}`).join(" ");
    console.log(`  ${i.id.padEnd(20)} ${i.up ? "up  " : "down"} ${features}`);
  }
}

async function matrix(api: ApiClient, args: string[]): Promise<void> {
  const list = option(args, "-p", "--protocols");
  const timeout = option(args, "--timeout");
  const protocols = (list ?? PROTOCOLS.join(",")).split(",") as Protocol[];
  const bad = protocols.filter((p) => !PROTOCOLS.includes(p));
  if (bad.length) throw new CliError(`unknown protocol ${bad.join(", ")}; use ${PROTOCOLS.join(", ")}`);
  const body = { protocols, ...(timeout ? { timeoutMs: Number(timeout) } : {}) };
  const run = await api.matrixRun({ body, timeoutMs: 600_000 });
  const t = await api.topology();
  console.log(formatMatrix(run.results, t.endpoints.filter((e) => e.ipv4).map((e) => e.name)));
  const failed = run.results.filter((r) => !r.ok).length;
  console.log(`\n${run.results.length} probes in ${run.durationMs} ms, ${failed} failed`);
}

async function offload(api: ApiClient, args: string[]): Promise<void> {
  const [iface, ...pairs] = args;
  if (!iface || pairs.length === 0 || pairs.length % 2) throw new CliError("usage: offload <iface> <feature> on|off [...], e.g. offload c1:eth0 tx off");
  const changes: Record<string, boolean> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    const [feature, value] = [pairs[i], pairs[i + 1]];
    if (!isOffloadFeature(feature)) throw new CliError(`unknown feature "${feature}"; use ${OFFLOAD_FEATURE_NAMES.join(", ")}`);
    if (value !== "on" && value !== "off") throw new CliError(`${feature} takes on or off, not "${value}"`);
    changes[feature] = value === "on";
  }
  const { id, offload: state } = await api.offloadSet({ params: { id: iface }, body: changes });
  console.log(`${id}: ${Object.entries(state).map(([f, s]) => `${f} ${s.on ? "on" : "off"}`).join(", ")}`);
}

async function connect(args: string[]): Promise<{ api: ApiClient; embedded: RunningServer | null }> {
  const labId = option(args, "--lab");
  const config = loadConfig();
  const url = config.serverUrl ?? `http://127.0.0.1:${config.port}`;
  // The CLI runs as root beside the server: it reads the operator token the server keeps.
  if (await serverAnswers(url)) return { api: createApiClient({ baseUrl: url, token: config.operatorToken ?? (await readTokenFile(config.dataDir)) }), embedded: null };
  if (config.serverUrl) throw new CliError(`no ovs-lab server answers at ${url}`);
  const embedded = await startServer({ ...config, ...(labId ? { labId } : {}), apiOnly: true, port: 0, host: "127.0.0.1", bootTemplate: "" });
  return { api: createApiClient({ baseUrl: embedded.url, token: embedded.operatorToken.token }), embedded };
}

const COMMANDS: Record<string, (api: ApiClient, args: string[]) => Promise<void>> = {
  up,
  down: async (api) => {
    const r = await api.labDown();
    console.log(`lab ${r.labId} is down (${r.removed} objects removed)`);
  },
  status,
  matrix,
  offload,
  snapshot: async (api, args) => {
    if ((await runSnapshotCommand(args, api)) !== 0) throw new CliError("snapshot: see the usage above");
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    console.error(`unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  const { api, embedded } = await connect(args);
  try {
    await run(api, args);
    return 0;
  } finally {
    await embedded?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`ovs-lab: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
