import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { spawnPool } from "./spawn-pool";
import { SpawnWorkerClient } from "./spawn-worker/spawn-worker-client";
import { bundledScript } from "./script-bundle";
import { dieWithParent } from "./die-with-parent";
import { nodeChildEnv } from "./node-child-env";
import type { EventEmitter } from "node:events";
import type { Readable, Writable } from "node:stream";

/** The only programs ovs-lab runs. Never a shell. */
export const ALLOWED_PROGRAMS = [
  "ovs-vsctl",
  "ovs-appctl",
  "ovs-ofctl",
  "ovsdb-tool",
  "ovsdb-server",
  "ovs-vswitchd",
  // OVN (multi-host labs, server/multihost): the central databases, northd, each host's controller.
  "ovn-nbctl",
  "ovn-sbctl",
  "ovn-northd",
  "ovn-controller",
  "ovn-appctl",
  "ovn-trace",
  "ip",
  "ethtool",
  "nsenter",
  "dockerd",
  "mount",
  "mountpoint",
  "fping",
  "tar",
  "tcpdump",
  "iptables",
  "sysctl",
  "tc",
  // Only with the link relay's script of this repository (server/impair/relay-supervisor.ts).
  "python3",
  // Only the operator's terminal (pty-spawn.ts) starts it, interactive, with fixed arguments: never `-c`.
  "bash",
  // Only to compile this repository's own C helpers, with fixed arguments (server/probes/native/native-program.ts).
  "cc",
  // Those helpers, each run by its build's path (RunOptions.executable): server/probes/{socket,icmp}-prober.
  "socket-prober",
  "icmp-prober",
] as const;
export type AllowedProgram = (typeof ALLOWED_PROGRAMS)[number];

export class CommandError extends Error {
  constructor(
    readonly program: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    reason: string,
  ) {
    super(`${program} ${args.join(" ")}: ${reason}${stderr.trim() ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`);
    this.name = "CommandError";
  }
}

export interface RunOptions {
  timeoutMs?: number;
  /** Run inside this network namespace (a path such as /proc/PID/ns/net or /run/netns/NAME). */
  netns?: string | null;
  input?: string;
  /** Accept these exit codes besides 0. */
  okExitCodes?: number[];
  /** Start the process under another argv[0] (ovs-vswitchd-dpdk must call itself ovs-vswitchd). */
  argv0?: string;
  /** Program path to execute instead of the allowlisted name's default lookup. */
  executable?: string;
  /**
   * Set in the program's environment (fixed names such as OVS_RUNDIR, never from a request): each
   * simulated host's daemons keep their sockets in their own run directory.
   */
  env?: Record<string, string>;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function checkAllowed(program: string): asserts program is AllowedProgram {
  if (!(ALLOWED_PROGRAMS as readonly string[]).includes(program)) throw new Error(`program not allowed: ${program}`);
}

/**
 * Programs run from the system's own path where it has them, not the first on PATH: a version manager's
 * shim (pyenv puts one before /usr/bin) is a shell script that starts other programs before the real one.
 */
const SYSTEM_PATHS: Partial<Record<AllowedProgram, string>> = { python3: "/usr/bin/python3" };
const resolved = new Map<AllowedProgram, string>();

function executableOf(program: AllowedProgram): string {
  let path = resolved.get(program);
  if (path === undefined) {
    const system = SYSTEM_PATHS[program];
    resolved.set(program, (path = system && existsSync(system) ? system : program));
  }
  return path;
}

/** Argument vector for a program, wrapped in nsenter when it must run in a namespace. */
export function commandLine(program: AllowedProgram, args: readonly string[], netns?: string | null, executable?: string): [string, string[]] {
  checkAllowed(program);
  const bin = executable ?? executableOf(program);
  if (!netns) return [bin, [...args]];
  return ["nsenter", [`--net=${netns}`, "--", bin, ...args]];
}

let worker: SpawnWorkerClient | null = null;

/**
 * From now on this process's short-lived programs start from a small worker process (see
 * spawn-worker/worker-main.ts for why). The server does this; tests and the CLI need not.
 */
export async function useSpawnWorker(projectRoot: string): Promise<() => void> {
  const client = new SpawnWorkerClient(await bundledScript(projectRoot, "server/run-command/spawn-worker/worker-main.ts", "spawn-worker"));
  worker = client;
  return () => {
    if (worker === client) worker = null;
    client.stop();
  };
}

/** A long-lived program as its caller uses it: a ChildProcess, or its stand-in from the spawn worker (RelayedChild). */
export interface LongLivedChild extends EventEmitter {
  readonly pid?: number;
  stdin: Writable | null;
  stdout: Readable | null;
  stderr: Readable | null;
  kill(signal?: NodeJS.Signals): boolean;
}

/**
 * A long-lived program whose stdio the caller uses (a probe agent): started by the spawn worker when this
 * process has one, since a fork from here blocks the event loop 27–45 ms with Next.js loaded (101 agents at
 * 100 containers: ~3.5 s); else spawned here. Either way without NODE_EXTRA_CA_CERTS (node-child-env.ts).
 */
export function spawnLongLived(file: string, args: string[]): LongLivedChild {
  if (worker) return worker.startRelayed(file, args);
  return spawn(file, args, { shell: false, stdio: ["pipe", "pipe", "pipe"], env: nodeChildEnv() });
}

export function runCommand(program: AllowedProgram, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const [bin, argv] = commandLine(program, args, options.netns, options.executable);
  const via = worker;
  return spawnPool.run(() => (via ? runInWorker(via, bin, argv, options) : runOnce(bin, argv, options)));
}

async function runInWorker(via: SpawnWorkerClient, bin: string, argv: string[], options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const r = await via.run({ file: bin, args: argv, argv0: options.argv0, input: options.input, env: options.env, timeoutMs }).catch((err: Error) => {
    throw new CommandError(bin, argv, null, "", err.message);
  });
  if (r.startError !== undefined) throw new CommandError(bin, argv, null, r.stderr, `could not start (${r.startError}); is it installed?`);
  if (r.timedOut) throw new CommandError(bin, argv, r.code, r.stderr, `timed out after ${timeoutMs} ms`);
  const exitCode = r.code ?? -1;
  if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode)) throw new CommandError(bin, argv, exitCode, r.stderr, `exited with ${exitCode}`);
  return { stdout: r.stdout, stderr: r.stderr, exitCode };
}

function runOnce(bin: string, argv: string[], options: RunOptions): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, {
      shell: false,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      argv0: options.argv0,
      env: { ...process.env, LC_ALL: "C", ...options.env },
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new CommandError(bin, argv, null, stderr, `could not start (${err.message}); is it installed?`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new CommandError(bin, argv, code, stderr, `timed out after ${timeoutMs} ms`));
      const exitCode = code ?? -1;
      if (exitCode !== 0 && !(options.okExitCodes ?? []).includes(exitCode))
        return reject(new CommandError(bin, argv, exitCode, stderr, `exited with ${exitCode}`));
      resolve({ stdout, stderr, exitCode });
    });
    if (child.stdin) {
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/**
 * A long-running allowlisted program whose stdout the caller streams (tcpdump -w -).
 * Same rules as runCommand: argv only, no shell, namespace through nsenter.
 */
export function spawnStreaming(program: AllowedProgram, args: readonly string[], options: Pick<RunOptions, "netns" | "executable"> & { stdin?: boolean } = {}): ChildProcess {
  // Killed with this process, whatever kills it: a capture must not run on after its server.
  const stdio = [options.stdin ? "pipe" : "ignore", "pipe", "pipe"] as const;
  return spawn(...dieWithParent(...commandLine(program, args, options.netns, options.executable)), { shell: false, stdio: [...stdio], env: { ...process.env, LC_ALL: "C" } });
}
