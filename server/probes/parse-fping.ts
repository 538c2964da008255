import type { ProbeOutcome } from "./agent-protocol";

/**
 * Parses `fping -c 1 -r 0 -t T targets...` (stdout and stderr together): one
 * outcome per target, in the order of `targets`.
 */
export function parseFping(output: string, targets: string[]): ProbeOutcome[] {
  const byTarget = new Map<string, ProbeOutcome>();
  for (const line of output.split("\n")) {
    let m = /^(\S+)\s+: \[\d+\], \d+ bytes, ([\d.]+) ms/.exec(line);
    if (m) {
      byTarget.set(m[1], { target: m[1], ok: true, rttMs: Number(m[2]), error: null });
      continue;
    }
    m = /^ICMP (Host|Network|Port|Protocol) Unreachable from (\S+) for ICMP Echo sent to (\S+)/.exec(line);
    if (m && !byTarget.has(m[3])) {
      byTarget.set(m[3], { target: m[3], ok: false, rttMs: null, error: m[1] === "Network" ? "no-route" : "unreachable", detail: `${m[1]} unreachable from ${m[2]}` });
      continue;
    }
    m = /^(\S+): error while sending ping: (.*)$/.exec(line);
    if (m && !byTarget.has(m[1])) {
      const noRoute = /network is unreachable|no route/i.test(m[2]);
      byTarget.set(m[1], { target: m[1], ok: false, rttMs: null, error: noRoute ? "no-route" : "unreachable", detail: m[2] });
    }
  }
  return targets.map((t) => byTarget.get(t) ?? { target: t, ok: false, rttMs: null, error: "timeout" });
}
