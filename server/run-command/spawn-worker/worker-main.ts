/**
 * The spawn worker: a small process that starts the server's short-lived programs for it.
 * Linux's fork() copies the caller's page tables, so every spawn from the server (hundreds of
 * MB with Next.js loaded) blocks its event loop for tens of milliseconds; from here it costs ~2 ms.
 * Reads one JSON SpawnRequest per line on stdin, writes one SpawnReply per line on stdout.
 */
import { spawn } from "node:child_process";
import readline from "node:readline";
import type { SpawnReply, SpawnRequest } from "./worker-protocol";

const reply = (r: SpawnReply) => process.stdout.write(`${JSON.stringify(r)}\n`);

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
  let req: SpawnRequest;
  try {
    req = JSON.parse(line) as SpawnRequest;
  } catch {
    return; // only the server writes here; a torn line has no id to answer
  }
  run(req);
});
// The server went away: so does the worker (its children finish on their own timeouts).
process.stdin.on("end", () => process.exit(0));
