import { namespaceKey, namespaceLocks, type NamespaceLocks } from "./namespace-locks";
import { CounterPoller } from "./counter-poller";
import { planStarRounds, type Pair } from "./star-rounds";
import { runStarRound } from "./run-star-round";
import { firstLookMs, nextDropEstimateMs } from "./drop-timing";
import { orderPairs, runPairedProbes, SETTLE_MS, type SocketEndpoint, type SocketProbeOptions } from "./run-paired-probes";

export type { SocketEndpoint, SocketProbeOptions };
type SocketProtocol = "tcp" | "udp";

/** Resolves once all of `keys` are this caller's (announced releases wake it; see namespace-locks.ts). */
function acquire(locks: NamespaceLocks, protocol: SocketProtocol, keys: string[]): Promise<void> {
  if (locks.tryAcquire(protocol, keys)) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = locks.onRelease((p) => {
      if (p !== protocol || !locks.tryAcquire(protocol, keys)) return;
      stop();
      resolve();
    });
  });
}

/**
 * Runs the TCP and UDP probes of `wanted` so that a failure says, where the kernel's counters
 * prove it, which endpoint dropped the packet for a bad checksum. Each protocol goes in star
 * rounds (star-rounds.ts: an endpoint's probes to all others at once, about n + 1 rounds for n
 * endpoints), TCP and UDP side by side (separate counters); what the counting cannot tell apart
 * runs again one pair at a time (run-paired-probes.ts).
 */
export async function runSocketProbes(endpoints: SocketEndpoint[], wanted: Map<SocketProtocol, Pair[]>, o: SocketProbeOptions): Promise<void> {
  const locks = o.locks ?? namespaceLocks;
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  const key = (name: string) => namespaceKey(byName.get(name)!);
  const shared = (name: string) => key(name) === "root";
  const poller = new CounterPoller();
  const names = endpoints.map((e) => e.name);

  const runProtocol = async (protocol: SocketProtocol, pairs: Pair[]) => {
    const again: Pair[] = [];
    // When drops were first seen in the rounds so far (a moving average): the next round looks a bit before that.
    let dropsAfterMs = 1;
    for (const round of planStarRounds(pairs, shared)) {
      const keys = [...new Set([round.hub, ...round.probes.flatMap((p) => [p.from, p.to])].map(key))];
      await acquire(locks, protocol, keys);
      try {
        const ctx = {
          protocol,
          timeoutMs: o.timeoutMs,
          port: o.port,
          agents: o.agents,
          shared,
          mayBreakChecksums: (n: string) => byName.get(n)?.mayBreakChecksums !== false,
          poller,
          firstLookMs: firstLookMs(dropsAfterMs),
          ipv4: (n: string) => byName.get(n)!.ipv4,
          onResult: (from: string, to: string, r: Parameters<SocketProbeOptions["onResult"]>[3]) => o.onResult(protocol, from, to, r),
        };
        const ended = await runStarRound(round, ctx);
        again.push(...ended.again);
        dropsAfterMs = nextDropEstimateMs(dropsAfterMs, ended.firstDropMs, ended.dropsAtFirstLook);
        if (ended.silence) await new Promise((r) => setTimeout(r, SETTLE_MS));
      } finally {
        locks.release(protocol, keys);
      }
    }
    if (again.length === 0) return;
    const retry = new Set(again.map((p) => `${p.from}>${p.to}`));
    await runPairedProbes(endpoints, new Map([[protocol, orderPairs(names, (from, to) => retry.has(`${from}>${to}`))]]), { ...o, locks });
  };

  await Promise.all([...wanted].map(([protocol, pairs]) => runProtocol(protocol, pairs)));
}
