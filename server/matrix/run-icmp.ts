import { mapLimited } from "../../lib/async/map-limited";
import type { ProbeError } from "../../lib/contracts/matrix";
import type { AgentSet } from "../probes/agent-pool";
import type { ProbeOutcome } from "../probes/agent-protocol";
import { resolvedNeighbours } from "../probes/parse-arp";
import { retryTimeoutMs } from "./retry-timeout";
import { traceLine } from "../trace/trace";

/**
 * Echo requests in flight at once, lab-wide. A hundred sources of a hundred targets at once put
 * 10,000 requests (and their ARP) on the userspace switch within 100 ms, and most were lost (with
 * fping, and again with the prober: 1,000 at once answered 0 to 36 %). Small labs send every source at once.
 */
const ICMP_IN_FLIGHT = Number(process.env.OVSLAB_ICMP_IN_FLIGHT ?? 400);
/**
 * The same while most neighbours are not resolved yet (a lab just built): each request then starts
 * with an ARP broadcast that the switch copies to every port, and a lost ARP is asked again only
 * after 1 s. At 100 containers, 400 at once on cold tables timed out 3,600 of 10,100 echo requests.
 */
const ICMP_COLD_IN_FLIGHT = Number(process.env.OVSLAB_ICMP_COLD_IN_FLIGHT ?? 100);

export interface IcmpSource {
  from: string;
  to: string[];
}

type Outcome = Omit<ProbeOutcome, "target">;

export interface IcmpRunOptions {
  timeoutMs: number;
  /** Silent pairs are asked once more before their timeout is said (not for the path explanation's single probe). */
  retry: boolean;
  /** The sources' neighbour tables (for the pacing of a cold lab). */
  agents: Pick<AgentSet["agents"], "get">;
  ipv4: (name: string) => string;
  /** One source's echo requests to `to`, an outcome per target in order (none where it has no agent). */
  probe: (from: string, to: string[], timeoutMs: number) => Promise<(ProbeOutcome | undefined)[]>;
  /** A pair that cannot be tested now (a daemon is down) and why. */
  blockedOr: (from: string, to: string) => { error: ProbeError; detail: string } | null;
  emit: (from: string, to: string, outcome: Outcome | undefined) => void;
}

function sourcesAtOnce(plan: readonly { to: string[] }[], inFlight: number): number {
  const targets = Math.max(1, ...plan.map((p) => p.to.length));
  return Math.max(2, Math.floor(inFlight / targets));
}

/** Sources whose neighbour tables stand for the lab's: a lab is cold everywhere at once (just built, or grown). */
const COLD_SAMPLE_SOURCES = 5;

/**
 * The share of the run's (source, target) pairs whose source has not resolved the target yet, from a
 * few sources spread over the plan: reading every table was a synchronous /proc read per source and run.
 */
function coldShare(plan: readonly IcmpSource[], agents: IcmpRunOptions["agents"], ipv4: (name: string) => string): number {
  let cold = 0;
  let all = 0;
  const step = Math.max(1, Math.ceil(plan.length / COLD_SAMPLE_SOURCES));
  for (let i = 0; i < plan.length; i += step) {
    const p = plan[i];
    const table = agents.get(p.from)?.neighbours();
    if (table === null || table === undefined) continue;
    const resolved = resolvedNeighbours(table);
    for (const to of p.to) {
      all++;
      if (!resolved.has(ipv4(to))) cold++;
    }
  }
  return all === 0 ? 0 : cold / all;
}

/**
 * Every source's echo requests, paced to the in-flight limit, each outcome emitted as its source's
 * batch ends. A timeout is not said at once: every silent pair of the run is asked again, all at
 * once, with a longer wait (retry-timeout.ts); what that answers is the outcome.
 */
export async function runIcmp(plan: readonly IcmpSource[], o: IcmpRunOptions): Promise<void> {
  // Each source's neighbour table is read only when the pacing could matter: a run that fits the cold limit goes at once either way.
  const echoRequests = plan.reduce((n, p) => n + p.to.length, 0);
  const cold = echoRequests > ICMP_COLD_IN_FLIGHT && coldShare(plan, o.agents, o.ipv4) > 0.1;
  const silent = new Map<string, string[]>();
  await mapLimited(plan, sourcesAtOnce(plan, cold ? ICMP_COLD_IN_FLIGHT : ICMP_IN_FLIGHT), async (p) => {
    const blocked = p.to.map((to) => o.blockedOr(p.from, to));
    const outcomes = blocked.every(Boolean) ? [] : await o.probe(p.from, p.to, o.timeoutMs);
    p.to.forEach((to, i) => {
      const answer = outcomes[i];
      if (blocked[i]) o.emit(p.from, to, { ok: false, rttMs: null, ...blocked[i] });
      else if (o.retry && answer?.error === "timeout") silent.set(p.from, [...(silent.get(p.from) ?? []), to]);
      else o.emit(p.from, to, answer);
    });
  });
  const again = [...silent].map(([from, to]) => ({ from, to }));
  if (again.length) traceLine(() => `icmp: ${again.reduce((n, p) => n + p.to.length, 0)} silent pair(s) tried again: ${again.flatMap((p) => p.to.map((to) => `${p.from}>${to}`)).slice(0, 12).join(" ")}`);
  await mapLimited(again, sourcesAtOnce(again, ICMP_IN_FLIGHT), async (p) => {
    const outcomes = await o.probe(p.from, p.to, retryTimeoutMs(o.timeoutMs));
    p.to.forEach((to, i) => o.emit(p.from, to, outcomes[i]));
  });
}
