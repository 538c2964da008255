/** `ovs-lab snapshot save|list|export|import|restore|compare|delete`: an HTTP client of the running server. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ApiClient } from "../../lib/api-client/api-client";

type SnapshotApi = ApiClient;

export const SNAPSHOT_USAGE = `usage: ovs-lab snapshot <command>
  save <title> [-d description]     save the lab as it is now (topology, offload, host facts, last matrix)
  list                              every stored snapshot, newest first
  export <id> [-o file.json]        write the versioned JSON file (default ovs-lab-<id>.json)
  import <file.json>                store a file exported elsewhere; prints the new id
  restore <id | file.json> [--timeout MS] [--subnet A.B.C]
                                    rebuild the lab it describes here, re-apply offload, re-run the matrix
  compare <id-a> <id-b>             offload changes, flipped cells, endpoints added or removed
  delete <id>`;

const cell = (c: { from: string; to: string; protocol: string; a: boolean | null; b: boolean | null }) =>
  `${c.protocol} ${c.from}>${c.to}: ${c.a === null ? "-" : c.a ? "ok" : "fail"} -> ${c.b === null ? "-" : c.b ? "ok" : "fail"}`;

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
}

async function importFile(api: SnapshotApi, file: string): Promise<string> {
  const text = await readFile(path.resolve(file), "utf8");
  return (await api.snapshotImport({ rawBody: text })).id;
}

async function restore(api: SnapshotApi, target: string, args: string[]): Promise<void> {
  const timeout = takeOption(args, "--timeout");
  const subnet = takeOption(args, "--subnet");
  const id = target.endsWith(".json") ? await importFile(api, target) : target;
  const body = { ...(timeout ? { timeoutMs: Number(timeout) } : {}), ...(subnet ? { subnet } : {}) };
  const r = await api.snapshotRestore({ params: { id }, body, timeoutMs: 600_000 });
  console.log(`lab ${r.labId} rebuilt from snapshot ${r.snapshotId}`);
  for (const o of r.offload) console.log(`  offload ${o.interfaceId} ${JSON.stringify(o.changes)}${o.error ? `  NOT APPLIED: ${o.error}` : ""}`);
  const failed = r.run.results.filter((x) => !x.ok).length;
  console.log(`matrix: ${r.run.results.length} probes, ${failed} failed`);
  if (r.matchesSavedRun === null) console.log("the snapshot has no matrix run to compare with");
  else if (r.matchesSavedRun) console.log("the live matrix equals the saved one");
  else for (const c of r.differences) console.log(`  differs (saved -> live) ${cell(c)}`);
}

async function run(api: SnapshotApi, command: string, args: string[]): Promise<boolean> {
  if (command === "save" && args[0]) {
    const description = takeOption(args, "-d") ?? "";
    const { id } = await api.snapshotSave({ body: { title: args.join(" "), description } });
    console.log(`saved snapshot ${id} (read-only view: /s/${id})`);
  } else if (command === "list") {
    const { snapshots } = await api.snapshotList();
    for (const s of snapshots) console.log(`${s.id}  ${s.createdAt}  lab ${s.labId.padEnd(6)}  ${s.title}`);
    if (snapshots.length === 0) console.log("no snapshots yet: ovs-lab snapshot save <title>");
  } else if (command === "export" && args[0]) {
    const out = takeOption(args, "-o") ?? `ovs-lab-${args[0]}.json`;
    const file = await api.snapshotExport({ params: { id: args[0] } });
    await writeFile(out, Buffer.from(await file.arrayBuffer()));
    console.log(`wrote ${out}`);
  } else if (command === "import" && args[0]) {
    console.log(`imported as snapshot ${await importFile(api, args[0])}`);
  } else if (command === "restore" && args[0]) {
    await restore(api, args[0], args.slice(1));
  } else if (command === "compare" && args[1]) {
    const d = await api.snapshotCompare({ query: { a: args[0], b: args[1] } });
    for (const e of d.endpoints.added) console.log(`+ endpoint ${e}`);
    for (const e of d.endpoints.removed) console.log(`- endpoint ${e}`);
    for (const o of d.offload) console.log(`  offload ${o.interfaceId} ${o.feature}: ${o.a ?? "-"} -> ${o.b ?? "-"}`);
    for (const c of d.cells) console.log(`  cell ${cell(c)}`);
    if (!d.endpoints.added.length && !d.endpoints.removed.length && !d.offload.length && !d.cells.length) console.log("no differences");
  } else if (command === "delete" && args[0]) {
    await api.snapshotDelete({ params: { id: args[0] } });
    console.log(`deleted ${args[0]}`);
  } else return false;
  return true;
}

/** 0 when done, 2 for a usage error; a server error is thrown (CliError) with the server's message. */
export async function runSnapshotCommand(args: string[], api: SnapshotApi): Promise<number> {
  const [command, ...rest] = args;
  if (command && (await run(api, command, rest))) return 0;
  console.error(SNAPSHOT_USAGE);
  return 2;
}
