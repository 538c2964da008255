/**
 * The peer, measured in the same run: Mininet's ICMP-only pingAll on N hosts (Debian's mininet,
 * datapath=user, the same OVS). Absolute times move with the machine; the ratio to it does not.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

export interface PeerResult {
  hosts: number;
  runsMs: number[];
  lossPercent: number | null;
}

const SCRIPT = path.join(import.meta.dirname, "mininet-pingall.py");

/** null (with the reason printed) when Mininet is not installed here. */
export async function mininetPingAll(hosts: number, runs: number): Promise<PeerResult | null> {
  try {
    // Debian's python3 has Mininet's module; a python3 earlier on PATH (pyenv) may not.
    const { stdout } = await promisify(execFile)("/usr/bin/python3", [SCRIPT, String(hosts), String(runs)], { timeout: 300_000 });
    return JSON.parse(stdout.trim().split("\n").pop() ?? "null") as PeerResult;
  } catch (err) {
    console.log(`  Mininet pingAll could not run (${err instanceof Error ? err.message.split("\n")[0] : String(err)}); install: apt-get install mininet iputils-ping`);
    return null;
  }
}
