import { parseFping } from "../probes/parse-fping";
import { runCommand } from "../run-command/run-command";
import type { PathProbe } from "./path-sides";

/** IPv4 (20) and ICMP (8) headers: fping's -b is the payload, a probe's size is the whole IP packet. */
const HEADERS = 28;

/**
 * One ICMP echo of `sizeBytes` (the IP packet, Don't Fragment set) from inside the sender's
 * namespace: the matrix's probes are small, an MTU only shows with a packet that does not fit.
 */
export async function sizedPing(netns: string | null, source: string, target: string, sizeBytes: number, timeoutMs: number): Promise<PathProbe> {
  const args = ["-c", "1", "-r", "0", "-t", String(timeoutMs), "-M", "-b", String(sizeBytes - HEADERS), "-S", source, target];
  const r = await runCommand("fping", args, { netns, timeoutMs: timeoutMs + 3000, okExitCodes: [1, 2] });
  const [outcome] = parseFping(`${r.stdout}\n${r.stderr}`, [target]);
  return { ok: outcome.ok, error: outcome.error, rttMs: outcome.rttMs, ...(outcome.detail ? { detail: outcome.detail } : {}) };
}
