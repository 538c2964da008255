import type { ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { spawnStreaming } from "../run-command/run-command";

/**
 * The link relays' processes, one per relayed link, owned by this server: started, restarted when one
 * dies while its link is still there, stopped with the link or the lab. A relay ends with the server
 * (it asks the kernel for a signal when its parent dies) and holds a lock per link, so two servers can
 * never relay the same link twice.
 */

export interface RelayArgs {
  labId: string;
  /** The relay's own side (`<lab>-<n>ra`): names the relay. */
  linkEnd: string;
  hostEnd: string;
  /** The JSON impairments of each direction (see link_relay.py). */
  toEndpoint: string;
  fromEndpoint: string;
}

export interface RelayStats {
  forwarded: number;
  lost: number;
  overflow: number;
  failed: number;
}

interface Relay {
  args: RelayArgs;
  child: ChildProcess | null;
  restarts: number;
  stopping: boolean;
  stats: RelayStats | null;
  lastError: string | null;
}

const LOCK_DIR = "/run/ovs-lab/relays";
const EXIT_LOCKED = 3;
const EXIT_GONE = 4;
const MAX_RESTARTS = 20;

const relays = new Map<string, Relay>();
let scriptPath = path.resolve("server/impair/relay/link_relay.py");

/** Where the relay script is (the server's project root); tests and the server set it once. */
export function setRelayProjectRoot(projectRoot: string): void {
  scriptPath = path.join(projectRoot, "server/impair/relay/link_relay.py");
}

const sameArgs = (a: RelayArgs, b: RelayArgs) => JSON.stringify(a) === JSON.stringify(b);

function argv(a: RelayArgs): string[] {
  // -I: no environment variables, no user site-packages, no script directory on the path.
  return ["-I", scriptPath, "--host", a.hostEnd, "--link", a.linkEnd, "--lock", `${LOCK_DIR}/${a.linkEnd}.lock`, "--to", a.toEndpoint, "--from", a.fromEndpoint];
}

/** Starts the process and resolves once it relays (its "ready" line), or rejects with why it could not. */
function launch(relay: Relay): Promise<number> {
  const child = spawnStreaming("python3", argv(relay.args));
  relay.child = child;
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-2000)));
  return new Promise((resolve, reject) => {
    let ready = false;
    createInterface({ input: child.stdout! }).on("line", (line) => {
      let msg: { ready?: boolean; stats?: RelayStats; error?: string };
      try {
        msg = JSON.parse(line) as typeof msg;
      } catch {
        return;
      }
      if (msg.stats) relay.stats = msg.stats;
      if (msg.error) relay.lastError = msg.error;
      if (msg.ready && !ready) {
        ready = true;
        resolve(child.pid!);
      }
    });
    child.once("error", (err) => reject(new Error(`link relay for ${relay.args.hostEnd} could not start: ${err.message}`)));
    child.once("exit", (code, signal) => {
      if (relay.child === child) relay.child = null;
      if (!ready) return reject(new Error(`link relay for ${relay.args.hostEnd} ended before relaying (${signal ?? code}): ${relay.lastError ?? stderr.trim()}`));
      if (relay.stopping || code === EXIT_LOCKED || code === EXIT_GONE || relays.get(relay.args.linkEnd) !== relay) {
        if (!relay.stopping && relays.get(relay.args.linkEnd) === relay) relays.delete(relay.args.linkEnd);
        return;
      }
      // Died on its own while its link is still there: again, a little later.
      if (relay.restarts >= MAX_RESTARTS) return void (relay.lastError = `gave up after ${MAX_RESTARTS} restarts: ${stderr.trim()}`);
      relay.restarts += 1;
      setTimeout(() => void (relay.stopping ? undefined : launch(relay).catch((err: Error) => (relay.lastError = err.message))), 500 * relay.restarts).unref();
    });
  });
}

/** The relay for this link runs with these arguments (restarted when they changed); its pid. */
export async function ensureRelay(args: RelayArgs): Promise<number> {
  const running = relays.get(args.linkEnd);
  if (running && sameArgs(running.args, args) && running.child?.pid) return running.child.pid;
  if (running) await stopRelay(args.linkEnd);
  await mkdir(LOCK_DIR, { recursive: true });
  const relay: Relay = { args, child: null, restarts: 0, stopping: false, stats: null, lastError: null };
  relays.set(args.linkEnd, relay);
  try {
    return await launch(relay);
  } catch (err) {
    relays.delete(args.linkEnd);
    throw err;
  }
}

/** Ends the link's relay and waits for its exit (SIGKILL after 2 s). */
export async function stopRelay(linkEnd: string): Promise<void> {
  const relay = relays.get(linkEnd);
  if (!relay) return;
  relay.stopping = true;
  relays.delete(linkEnd);
  const child = relay.child;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
  await exited;
  clearTimeout(timer);
}

export async function stopLabRelays(labId: string): Promise<void> {
  await Promise.all([...relays.values()].filter((r) => r.args.labId === labId).map((r) => stopRelay(r.args.linkEnd)));
}

export function relayState(linkEnd: string): { pid: number | null; restarts: number; stats: RelayStats | null; lastError: string | null } | null {
  const relay = relays.get(linkEnd);
  return relay ? { pid: relay.child?.pid ?? null, restarts: relay.restarts, stats: relay.stats, lastError: relay.lastError } : null;
}
