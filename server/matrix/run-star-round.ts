import type { AgentProcess } from "../probes/agent-process";
import type { ProbeOutcome } from "../probes/agent-protocol";
import type { SnmpCounters } from "../probes/parse-snmp";
import type { CounterPoller, ReadCounters } from "./counter-poller";
import type { Pair, StarRound } from "./star-rounds";
import { judgeStar, type StarLeaf } from "./star-verdicts";
import { dropVerdict, type DropVerdict } from "./verdict";

export interface StarRoundContext {
  protocol: "tcp" | "udp";
  timeoutMs: number;
  port: number;
  agents: Map<string, AgentProcess>;
  ipv4: (name: string) => string;
  shared: (name: string) => boolean;
  /** Whether this endpoint's packets may leave with unfinished checksums (see StarLeaf). */
  mayBreakChecksums: (name: string) => boolean;
  poller: CounterPoller;
  /** When this round's first look is worth making (ms after its probes went out). */
  firstLookMs: number;
  onResult: (from: string, to: string, result: ProbeOutcome | DropVerdict) => void;
}

/**
 * A probe in a round waits at most this long: before a TCP stack's first retransmission (1 s), so
 * that each probe loses at most one packet, which the hub's counting needs. A longer timeout asked
 * for is served by running the still-silent probes again one at a time, with it.
 */
export const ROUND_TIMEOUT_CAP_MS = 900;

const SILENT = new Set(["timeout", "no-arp"]);

interface Slot extends StarLeaf {
  pair: Pair;
  leaf: string;
  /** The hub's side of the probe: the receiver of its first packet ("to") or its sender ("from"). */
  hubSide: "from" | "to";
  id: number;
  source: AgentProcess;
  outcome: ProbeOutcome | null;
  /** How it ended, for the host's listener (see below). */
  end: "answered" | "leaf" | "hub" | "again" | null;
}

/**
 * Runs one star round (star-rounds.ts): every probe at once, the hub's and the leaves' counters
 * read at each look, each probe judged as soon as the counters prove where its packet died
 * (star-verdicts.ts) and its socket then closed. Resolves with the pairs to run again one by one.
 */
export function runStarRound(round: StarRound, ctx: StarRoundContext): Promise<{ again: Pair[]; silence: boolean; firstDropMs: number | null; dropsAtFirstLook: boolean }> {
  const hubAgent = ctx.agents.get(round.hub);
  const started = performance.now();
  let firstDropMs: number | null = null;
  /** The poller's looks so far, and whether the first drop was already there at its first. */
  let polls = 0;
  let dropsAtFirstLook = false;
  const cap = Math.min(ctx.timeoutMs, ROUND_TIMEOUT_CAP_MS);
  const hub = { before: hubAgent?.counters() ?? null, now: null as SnmpCounters | null };
  let hubJudged = 0;
  const again: Pair[] = [];
  const slots: Slot[] = round.probes.map((pair) => {
    const leaf = pair.from === round.hub ? pair.to : pair.from;
    const source = ctx.agents.get(pair.from)!;
    const inFlight = source.startProbe({ kind: ctx.protocol, target: ctx.ipv4(pair.to), port: ctx.port, timeoutMs: cap });
    const before = ctx.agents.get(leaf)?.counters() ?? null;
    const slot: Slot = {
      pair,
      leaf,
      hubSide: pair.from === round.hub ? "from" : "to",
      id: inFlight.id,
      source,
      state: "running",
      before,
      now: null,
      outcome: null,
      end: null,
      hubMayBreak: ctx.mayBreakChecksums(round.hub),
      leafMayBreak: ctx.mayBreakChecksums(leaf),
    };
    void inFlight.answer.then(([o]) => answered(slot, o));
    return slot;
  });

  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = (slot: Slot, end: NonNullable<Slot["end"]>, result?: ProbeOutcome | DropVerdict) => {
    slot.state = "settled";
    slot.end = end;
    if (slot.outcome === null && end !== "answered") slot.source.cancel(slot.id);
    if (result) ctx.onResult(slot.pair.from, slot.pair.to, result);
    if (end === "again") again.push(slot.pair);
  };

  /** Reads the counters (the hub's first) and judges; true once every probe of the round is settled. */
  const look = (read: ReadCounters): boolean => {
    hub.now = read(hubAgent);
    for (const s of slots) if (s.state !== "settled") s.now = read(ctx.agents.get(s.leaf));
    const j = judgeStar({ protocol: ctx.protocol, hub, hubJudged, leaves: slots });
    if (firstDropMs === null && (j.leafDrops.size > 0 || j.hubDrops.length > 0)) {
      firstDropMs = performance.now() - started;
      dropsAtFirstLook = polls <= 1;
    }
    for (const [i, delta] of j.leafDrops) settle(slots[i], "leaf", dropVerdict(ctx.protocol, slots[i].leaf, slots[i].hubSide === "from" ? "to" : "from", delta));
    const share = j.hubDrops.length > 1 ? ` (+${j.hubDrops.length} there for ${j.hubDrops.length} probes sent together, one each)` : "";
    for (const i of j.hubDrops) settle(slots[i], "hub", dropVerdict(ctx.protocol, round.hub, slots[i].hubSide, 1, share));
    hubJudged += j.hubDrops.length;
    for (const i of j.unclear) settle(slots[i], "again");
    // Over, with nothing proven: each silent probe keeps its own outcome (or runs again with the longer timeout asked for).
    if (slots.every((s) => s.state !== "running"))
      for (const s of slots.filter((s) => s.state === "silent")) settle(s, cap < ctx.timeoutMs ? "again" : "answered", cap < ctx.timeoutMs ? undefined : s.outcome!);
    const over = slots.every((s) => s.state === "settled");
    if (over) finish();
    return over;
  };

  const answered = (slot: Slot, o: ProbeOutcome) => {
    if (slot.state === "settled") return;
    slot.outcome = o;
    if (o.ok || !o.error || !SILENT.has(o.error)) settle(slot, "answered", o);
    else slot.state = "silent";
    // A late drop (at the timeout) still counts: look now, with fresh counters.
    look((agent) => agent?.counters() ?? null);
  };

  const stop = ctx.poller.watch((read) => (polls++, look(read)), ctx.firstLookMs);
  return done.then(async () => {
    stop();
    // The root namespace re-sends a SYN/ACK a client dropped (its tcp_synack_retries is the machine's):
    // a new listener lets those connection requests die at their first timer instead (agent-main.ts).
    const synAckMayReturn = ctx.protocol === "tcp" && ctx.shared(round.hub) && slots.some((s) => s.hubSide === "to" && s.end !== "hub" && !s.outcome?.ok);
    if (synAckMayReturn) await hubAgent?.relisten();
    // A probe that heard nothing may still have a packet on its way (a queue, a napping PMD): the caller lets it land.
    return { again, firstDropMs, dropsAtFirstLook, silence: slots.some((s) => s.outcome !== null && !s.outcome.ok && s.end !== "leaf" && s.end !== "hub" && SILENT.has(s.outcome.error ?? "")) };
  });
}
