/**
 * The spawn worker: a small process that starts the server's short-lived programs for it.
 * Linux's fork() copies the caller's page tables, so every spawn from the server (hundreds of
 * MB with Next.js loaded) blocks its event loop for tens of milliseconds; from here it costs ~2 ms.
 * Reads one JSON SpawnRequest per line on stdin, writes one SpawnReply per line on stdout.
 */
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import type { RelayReply, RelayRequest, SpawnReply, SpawnRequest } from "./worker-protocol";

const reply = (r: SpawnReply | RelayReply) => process.stdout.write(`${JSON.stringify(r)}\n`);

/** The long-lived programs started for the server, by its id. They end when their stdin does, as the worker's does. */
const relayed = new Map<number, ChildProcess>();

function relay(req: RelayRequest): void {
  if (req.relay !== "start") {
    const child = relayed.get(req.id);
    if (!child) return; // already exited: its exit is on its way
    if (req.relay === "input") child.stdin!.write(req.data);
    else if (req.relay === "end") child.stdin!.end();
    else child.kill(req.signal);
    return;
  }
  const child = spawn(req.file, req.args, { shell: false, stdio: ["pipe", "pipe", "pipe"] });
  relayed.set(req.id, child);
  child.stdin!.on("error", () => undefined);
  for (const stream of ["stdout", "stderr"] as const) child[stream]!.setEncoding("utf8").on("data", (data: string) => reply({ id: req.id, relay: stream, data }));
  child.on("spawn", () => reply({ id: req.id, relay: "started", pid: child.pid! }));
  let exited = false;
  const exit = (code: number | null, signal: NodeJS.Signals | null, startError?: string) => {
    if (exited) return;
    exited = true;
    relayed.delete(req.id);
    reply({ id: req.id, relay: "exit", code, signal, ...(startError ? { startError } : {}) });
  };
  child.on("error", (err) => exit(null, null, err.message));
  child.on("close", (code, signal) => exit(code, signal));
}

function run(req: SpawnRequest): void {
  const child = spawn(req.file, req.args, {
    shell: false,
    argv0: req.argv0,
    stdio: [req.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    ...(req.env ? { env: { ...process.env, ...req.env } } : {}),
  });
  let stdout = "";
  let stderr = "";
  let timedOut = false;
  let done = false;
  const finish = (r: Omit<SpawnReply, "id" | "stdout" | "stderr" | "timedOut">) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    reply({ id: req.id, stdout, stderr, timedOut, ...r });
  };
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, req.timeoutMs);
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  child.on("error", (err) => finish({ code: null, startError: err.message }));
  child.on("close", (code) => finish({ code }));
  if (child.stdin) {
    child.stdin.on("error", () => undefined);
    child.stdin.end(req.input);
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let req: SpawnRequest | RelayRequest;
  try {
    req = JSON.parse(line) as SpawnRequest | RelayRequest;
  } catch {
    return; // only the server writes here; a torn line has no id to answer
  }
  if ("relay" in req) relay(req);
  else run(req);
});
// The server went away: so does the worker (its children finish on their own timeouts; relayed ones see their stdin end).
process.stdin.on("end", () => process.exit(0));
