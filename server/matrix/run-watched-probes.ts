import type { ProbeOutcome } from "../probes/agent-protocol";
import type { SocketProbeEnd, SocketProber } from "../probes/socket-prober/socket-prober";
import type { SnmpCounters } from "../probes/parse-snmp";
import type { SocketEndpoint, SocketProbeOptions } from "./run-paired-probes";
import type { Pair } from "./star-rounds";
import { seenDropVerdict, withNote, type DropVerdict } from "./verdict";
import { traceLine } from "../trace/trace";

type SocketProtocol = "tcp" | "udp";

export interface WatchedProbeOptions extends SocketProbeOptions {
  prober: SocketProber;
  /** The last attempt: what cannot be proven keeps its own outcome, with a note, instead of coming back. */
  last: boolean;
}

/**
 * TCP and UDP probes in flight at once, per run, whatever the lab's size. At 100 containers this was
 * 100 while the PMD busy-polled a core of two: 400 then left 150 to 650 working pairs timed out. With
 * short PMD naps (pmd-naps.ts) and a second try for silence, 400 at 100 containers: a run of the
 * offload-on lab 2.3 to 2.6 s (100 at once: 3.1 to 3.3 s), of a lab whose pairs mostly work 6.3 to
 * 7.1 s (100 at once: 7.4 to 8.6 s), no timeout in either.
 */
const IN_FLIGHT = Number(process.env.OVSLAB_SOCKET_IN_FLIGHT ?? 400);
/** How long a drop the watch saw may take to show in the namespace's counter before the probe is tried again. */
const CONFIRM_TRIES = 25;
const CONFIRM_GAP_MS = 2;
const SILENT = new Set(["timeout", "no-arp"]);

interface Drop {
  protocol: SocketProtocol;
  pair: Pair;
  droppedBy: string;
  /** The dropper's index among the run's namespaces. */
  at: number;
  end: SocketProbeEnd;
  tries: number;
}

/** Pairs of each protocol in an order that spreads the load: the k-th target of every source, then the k+1-th. */
export function interleave(pairs: readonly Pair[]): Pair[] {
  const bySource = new Map<string, Pair[]>();
  for (const p of pairs) bySource.set(p.from, [...(bySource.get(p.from) ?? []), p]);
  const lists = [...bySource.values()];
  const out: Pair[] = [];
  for (let k = 0; out.length < pairs.length; k++) for (const list of lists) if (k < list.length) out.push(list[k]);
  return out;
}

/**
 * Runs every TCP and UDP probe of `wanted` through the socket prober (socket-prober.ts): all at once
 * (up to IN_FLIGHT), each failure named as soon as its packet is seen arriving with a sum its kernel
 * refuses. The namespace's InCsumErrors counter, read then, must have risen by at least every such
 * packet seen there during the run, or the verdict waits. A silent probe is tried again; on the last
 * attempt it keeps its outcome, with a note if the watch lost a packet while the run went. The endpoints' agents give the namespaces (their
 * /proc/PID/ns/net) and the counters. Resolves with the pairs it could not judge (none on the last attempt).
 */
export async function runWatchedProbes(endpoints: SocketEndpoint[], wanted: Map<SocketProtocol, Pair[]>, o: WatchedProbeOptions): Promise<Map<SocketProtocol, Pair[]>> {
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  const again = new Map<SocketProtocol, Pair[]>();

  const involved = [...new Set([...wanted.values()].flatMap((pairs) => pairs.flatMap((p) => [p.from, p.to])))];
  const index = new Map(involved.map((n, i) => [n, i]));
  const probes = [...wanted].flatMap(([protocol, pairs]) => interleave(pairs).map((pair) => ({ protocol, pair })));
  const before = new Map(involved.map((n) => [n, o.agents.get(n)?.counters() ?? null]));
  /** Bad packets seen so far, per protocol, at each namespace (by its index). */
  const seenAt = { tcp: involved.map(() => 0), udp: involved.map(() => 0) };
  const silent: { protocol: SocketProtocol; pair: Pair; outcome: ProbeOutcome }[] = [];
  const drops: Drop[] = [];
  let open = probes.length;
  let confirming: NodeJS.Timeout | null = null;
  let drained: () => void = () => undefined;
  const allJudged = new Promise<void>((resolve) => (drained = resolve));
  const judged = () => --open === 0 && drained();
  /** Not judged this time: the pair comes back to the caller. */
  const later = (protocol: SocketProtocol, pair: Pair) => {
    if (!again.has(protocol)) again.set(protocol, []);
    again.get(protocol)!.push(pair);
    judged();
  };
  const emit = (protocol: SocketProtocol, pair: Pair, result: ProbeOutcome | DropVerdict) => {
    o.onResult(protocol, pair.from, pair.to, result);
    judged();
  };

  /**
   * The rise of a namespace's counter since the run began, enough to cover `seen` drops if it can: the
   * last reading where it already does (a counter only grows; the kernel counts a drop before the watch
   * reports it, so a reading often covers drops reported after it), else a fresh one, at most once per look.
   */
  const latest = new Map<string, SnmpCounters | null>();
  const riseSince = (start: number, reading: SnmpCounters | null | undefined, protocol: SocketProtocol): number | null => {
    const current = reading?.[protocol].inCsumErrors;
    return current === undefined ? null : current - start;
  };
  const risenAt = (name: string, protocol: SocketProtocol, seen: number, fresh: Set<string>): number | null => {
    const start = before.get(name)?.[protocol].inCsumErrors;
    if (start === undefined) return null;
    const cached = riseSince(start, latest.get(name), protocol);
    if ((cached !== null && cached >= seen) || fresh.has(name)) return cached;
    fresh.add(name);
    const reading = o.agents.get(name)?.counters() ?? null;
    latest.set(name, reading);
    return riseSince(start, reading, protocol);
  };

  /** Each namespace's counter looked at for the drops seen since the last look: it must cover every bad packet seen there. */
  const confirm = () => {
    confirming = null;
    const fresh = new Set<string>();
    for (const d of drops.splice(0)) {
      const seen = seenAt[d.protocol][d.at];
      const risen = risenAt(d.droppedBy, d.protocol, seen, fresh);
      const side = d.end.side ?? "to";
      if (risen !== null && risen >= seen) emit(d.protocol, d.pair, seenDropVerdict(d.protocol, d.droppedBy, side, { sum: d.end.sum ?? "?", want: d.end.want ?? "?" }, risen, seen));
      else if (risen !== null && ++d.tries < CONFIRM_TRIES) drops.push(d);
      else if (o.last) emit(d.protocol, d.pair, { target: d.pair.to, ok: false, rttMs: null, error: "timeout", detail: `a packet of it arrived at ${d.droppedBy} with a bad checksum, but its counter did not show the drop` });
      else later(d.protocol, d.pair);
    }
    if (drops.length) confirming = setTimeout(confirm, CONFIRM_GAP_MS);
  };

  const answered = new Set<number>();
  const onEnd = (end: SocketProbeEnd) => {
    const probe = probes[end.i];
    if (!probe || answered.has(end.i)) return;
    answered.add(end.i);
    const { protocol, pair } = probe;
    if (end.error === "bad-checksum" && end.at !== undefined && end.at < involved.length) {
      const droppedBy = involved[end.at];
      seenAt[protocol][end.at]++;
      drops.push({ protocol, pair, droppedBy, at: end.at, end, tries: 0 });
      if (!confirming) confirming = setTimeout(confirm, 0);
      return;
    }
    const outcome: ProbeOutcome = { target: pair.to, ok: end.ok, rttMs: end.rttMs ?? null, error: end.ok ? null : (end.error ?? "failed"), ...(end.detail ? { detail: end.detail } : {}) };
    if (!end.ok && SILENT.has(outcome.error ?? "")) silent.push({ protocol, pair, outcome });
    else emit(protocol, pair, outcome);
  };

  const ended = await o.prober.run(
    {
      namespaces: involved.map((n) => {
        const netns = o.agents.get(n)?.netnsPath ?? null;
        return { netns, address: byName.get(n)!.ipv4, ...(netns ? {} : { watch: false }) };
      }),
      port: o.port,
      timeoutMs: o.timeoutMs,
      inFlight: IN_FLIGHT,
      probes: probes.map(({ protocol, pair }) => [protocol, index.get(pair.from)!, index.get(pair.to)!]),
    },
    onEnd,
  );
  // Silence is said only after a second try (the first may have met a machine too busy to answer in
  // time), and without a note only where the watch saw everything: it lost nothing, and watched both ends.
  const blind = (pair: Pair) => ended.lost === null || ended.lost > 0 || [pair.from, pair.to].some((n) => (ended.watchErrors[index.get(n)!] ?? null) !== null);
  for (const s of silent) {
    if (!o.last) later(s.protocol, s.pair);
    else if (!blind(s.pair)) emit(s.protocol, s.pair, s.outcome);
    else emit(s.protocol, s.pair, withNote(s.outcome, ended.lost === null ? "the socket prober ended during the run" : "the checksum watch could not see every packet: a drop may have gone unseen"));
  }
  // The prober went before answering some: they come back (or, on the last attempt, say so).
  probes.forEach((p, i) => {
    if (answered.has(i)) return;
    if (o.last) emit(p.protocol, p.pair, { target: p.pair.to, ok: false, rttMs: null, error: "failed", detail: "the socket prober ended during the run" });
    else later(p.protocol, p.pair);
  });
  if (open > 0) await allJudged;
  if (again.size) traceLine(() => `tcp/udp: tried again: ${[...again].map(([p, pairs]) => `${p} ${pairs.length} (${pairs.slice(0, 8).map((x) => `${x.from}>${x.to}`).join(" ")})`).join(", ")}; silent ${silent.length}, watch lost ${ended.lost}`);
  return again;
}
