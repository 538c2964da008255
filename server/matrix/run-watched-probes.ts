import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import type { BadPacket, CsumWatch, NamespaceWatch } from "../probes/csum-watch/csum-watch";
import type { SnmpCounters } from "../probes/parse-snmp";
import type { SocketEndpoint, SocketProbeOptions } from "./run-paired-probes";
import type { Pair } from "./star-rounds";
import { seenDropVerdict, withNote, type DropVerdict } from "./verdict";

type SocketProtocol = "tcp" | "udp";

export interface WatchedProbeOptions extends SocketProbeOptions {
  watch: CsumWatch;
  /** The last attempt: what cannot be proven keeps its own outcome, with a note, instead of coming back. */
  last: boolean;
}

/**
 * TCP and UDP probes in flight at once, lab-wide. Each is a SYN or a datagram and an answer through
 * the userspace switch; a larger burst gains nothing on two cores and risks the switch's queues.
 */
const IN_FLIGHT = Number(process.env.OVSLAB_SOCKET_IN_FLIGHT ?? 400);
/** How long a drop the watch saw may take to show in the namespace's counter before the probe is tried again. */
const CONFIRM_TRIES = 25;
const CONFIRM_GAP_MS = 2;
const SILENT = new Set(["timeout", "no-arp"]);

interface Probe {
  protocol: SocketProtocol;
  pair: Pair;
  source: AgentProcess;
  id: number;
  localPort: number | null;
  done: boolean;
}

interface Drop {
  probe: Probe;
  droppedBy: string;
  side: "from" | "to";
  packet: BadPacket;
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
 * Runs every TCP and UDP probe of `wanted` at once (up to IN_FLIGHT) and names who dropped a failing
 * one as soon as the dropped packet is seen: the checksum watch (csum-watch.ts) reports each probe
 * packet that arrives in a lab namespace with a sum its kernel will refuse, the packet's addresses
 * and ports name its probe (the agent says which local port each probe sends from), and the
 * namespace's InCsumErrors counter, read then, must have risen by at least every such packet seen
 * there. A probe that stays silent is judged only after the watch has reported everything it
 * received until then. Resolves with the pairs it could not judge (none on the last attempt).
 */
export async function runWatchedProbes(endpoints: SocketEndpoint[], wanted: Map<SocketProtocol, Pair[]>, o: WatchedProbeOptions): Promise<Map<SocketProtocol, Pair[]>> {
  const byName = new Map(endpoints.map((e) => [e.name, e]));
  const byAddress = new Map(endpoints.map((e) => [e.ipv4, e.name]));
  const again = new Map<SocketProtocol, Pair[]>();
  const retry = (protocol: SocketProtocol, pair: Pair) => again.set(protocol, [...(again.get(protocol) ?? []), pair]);

  const involved = [...new Set([...wanted.values()].flatMap((pairs) => pairs.flatMap((p) => [p.from, p.to])))];
  const watched = involved.filter((n) => o.agents.get(n)?.netnsPath);
  const live = new Map<string, Probe[]>();
  const liveKey = (protocol: SocketProtocol, from: string, to: string) => `${protocol}|${from}>${to}`;
  const unmatched: { packet: BadPacket; at: string }[] = [];
  const drops: Drop[] = [];

  const onBad = (packet: BadPacket) => {
    const at = watched[packet.at];
    if (at) see(packet, at);
  };
  const watch: NamespaceWatch = await o.watch.open(
    watched.map((n) => ({ netns: o.agents.get(n)!.netnsPath, address: byName.get(n)!.ipv4, port: o.port })),
    onBad,
  );
  const unwatched = new Set([...involved.filter((n) => !watched.includes(n)), ...watched.filter((_, i) => watch.errors[i] !== null)]);
  const before = new Map(watched.map((n) => [n, o.agents.get(n)!.counters()]));
  const seenAt = new Map<string, number>();

  /** Which probe a bad packet belongs to: a SYN or datagram to the echo port is its sender's request; one from it, the answer to its receiver. */
  function see(packet: BadPacket, at: string): void {
    const request = packet.dport === o.port && !(packet.proto === "tcp" && packet.ack);
    const answer = packet.sport === o.port && (packet.proto === "udp" || packet.ack);
    const peer = byAddress.get(packet.src);
    if ((!request && !answer) || !peer) return;
    const [from, to, port, side] = request ? [peer, at, packet.sport, "to" as const] : [at, peer, packet.dport, "from" as const];
    const probe = live.get(liveKey(packet.proto, from, to))?.find((p) => p.localPort === port && !p.done);
    if (!probe) {
      // Its agent has not said its port yet (the watch can be faster than the agent): matched when it does.
      if (live.get(liveKey(packet.proto, from, to))?.some((p) => p.localPort === null && !p.done)) unmatched.push({ packet, at });
      return;
    }
    probe.done = true;
    probe.source.cancel(probe.id);
    seenAt.set(`${packet.proto}|${at}`, (seenAt.get(`${packet.proto}|${at}`) ?? 0) + 1);
    drops.push({ probe, droppedBy: at, side, packet, tries: 0 });
    scheduleConfirm(0);
  }

  let confirmTimer: NodeJS.Timeout | null = null;
  let confirmSoon = false;
  function scheduleConfirm(delayMs: number): void {
    if (delayMs === 0 && !confirmSoon) {
      confirmSoon = true;
      setImmediate(confirm);
    } else if (delayMs > 0 && !confirmTimer) confirmTimer = setTimeout(() => ((confirmTimer = null), confirm()), delayMs);
  }

  /** Each namespace's counter read once for the drops seen since the last look: it must cover every bad packet seen there. */
  function confirm(): void {
    confirmSoon = false;
    const now = new Map<string, SnmpCounters | null>();
    const read = (n: string) => (now.has(n) ? now.get(n)! : (now.set(n, o.agents.get(n)?.counters() ?? null), now.get(n)!));
    for (const d of drops.splice(0)) {
      const { protocol, pair } = d.probe;
      const start = before.get(d.droppedBy)?.[protocol].inCsumErrors;
      const current = read(d.droppedBy)?.[protocol].inCsumErrors;
      const risen = start === undefined || current === undefined ? null : current - start;
      const seen = seenAt.get(`${protocol}|${d.droppedBy}`) ?? 0;
      if (risen !== null && risen >= seen) finish(d.probe, seenDropVerdict(protocol, d.droppedBy, d.side, d.packet, risen, seen));
      else if (risen !== null && ++d.tries < CONFIRM_TRIES) drops.push(d);
      else if (o.last) finish(d.probe, { target: pair.to, ok: false, rttMs: null, error: "timeout", detail: `a packet of it arrived at ${d.droppedBy} with a bad checksum, but its counter did not show the drop` });
      else settleAgain(d.probe);
    }
    if (drops.length) scheduleConfirm(CONFIRM_GAP_MS);
  }

  // Silent probes wait for the watch to have reported everything received until their silence.
  let silent: { probe: Probe; outcome: ProbeOutcome }[] = [];
  let syncing = false;
  async function syncSilent(): Promise<void> {
    if (syncing) return;
    syncing = true;
    while (silent.length) {
      const batch = silent;
      silent = [];
      const lost = await watch.sync();
      for (const { probe, outcome } of batch) {
        if (probe.done) continue;
        const blind = lost === null || lost > 0;
        if (!blind || o.last) {
          probe.done = true;
          finish(probe, blind ? withNote(outcome, lost === null ? "the checksum watch ended during the run" : `the checksum watch lost ${lost} packet(s): a drop may not have been seen`) : outcome);
        } else settleAgain(probe);
      }
    }
    syncing = false;
  }

  let outstanding = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  function finish(probe: Probe, result: ProbeOutcome | DropVerdict): void {
    probe.done = true;
    o.onResult(probe.protocol, probe.pair.from, probe.pair.to, result);
    release();
  }
  function settleAgain(probe: Probe): void {
    probe.done = true;
    retry(probe.protocol, probe.pair);
    release();
  }

  const queue = [...wanted].flatMap(([protocol, pairs]) => interleave(pairs).map((pair) => ({ protocol, pair })));
  let inFlight = 0;
  function release(): void {
    inFlight--;
    launch();
    if (--outstanding === 0) allDone();
  }
  function launch(): void {
    while (inFlight < IN_FLIGHT && queue.length) {
      const { protocol, pair } = queue.shift()!;
      if (o.last || !(unwatched.has(pair.from) || unwatched.has(pair.to))) {
        start(protocol, pair);
        continue;
      }
      retry(protocol, pair);
      if (--outstanding === 0) allDone();
    }
  }
  function start(protocol: SocketProtocol, pair: Pair): void {
    inFlight++;
    const source = o.agents.get(pair.from)!;
    const probe: Probe = { protocol, pair, source, id: 0, localPort: null, done: false };
    const key = liveKey(protocol, pair.from, pair.to);
    live.set(key, [...(live.get(key) ?? []), probe]);
    const inFlightProbe = source.startProbe({ kind: protocol, target: byName.get(pair.to)!.ipv4, port: o.port, timeoutMs: o.timeoutMs }, (localPort) => {
      probe.localPort = localPort;
      for (const u of unmatched.splice(0)) see(u.packet, u.at);
    });
    probe.id = inFlightProbe.id;
    void inFlightProbe.answer.then(([outcome]) => {
      if (probe.done) return;
      if (outcome.ok || !outcome.error || !SILENT.has(outcome.error)) return finish(probe, outcome);
      silent.push({ probe, outcome });
      void syncSilent();
    });
  }

  outstanding = queue.length;
  if (outstanding === 0) allDone();
  launch();
  await finished;
  await watch.end();
  return again;
}
