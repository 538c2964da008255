import { sentCount, type SnmpCounters } from "../probes/parse-snmp";

/**
 * Where a probe of a star round stands: no answer yet ("running"), no reply until its timeout
 * ("silent": a candidate for a drop), or done with ("settled": it answered, or was judged).
 */
export type StarProbeState = "running" | "silent" | "settled";

export interface StarLeaf {
  state: StarProbeState;
  before: SnmpCounters | null;
  now: SnmpCounters | null;
  /**
   * Whether the hub's packets to this leaf, and the leaf's to the hub, may leave with unfinished
   * checksums (the sender's TX checksum offload is on, or not known). A drop counted where no
   * packet of the probe could have been bad is someone else's: a late retransmission of an earlier
   * probe, on a machine too busy to cancel it in time.
   */
  hubMayBreak?: boolean;
  leafMayBreak?: boolean;
}

export interface StarLook {
  protocol: "tcp" | "udp";
  /** Read before the leaves at every look: a drop counted at the hub was then sent before the leaf was read. */
  hub: { before: SnmpCounters | null; now: SnmpCounters | null };
  /** Drops at the hub already given to probes of this round. */
  hubJudged: number;
  leaves: StarLeaf[];
}

export interface StarJudgement {
  /** Probe index → the drops its leaf counted: its packet died there. */
  leafDrops: Map<number, number>;
  /** Probes whose packet died at the hub, one drop each. */
  hubDrops: number[];
  /** Probes the counters cannot tell apart: to run again one at a time. */
  unclear: number[];
}

const delta = (before: SnmpCounters | null, now: SnmpCounters | null, f: (c: SnmpCounters) => number) => (before && now ? f(now) - f(before) : null);

/**
 * Who dropped what in a star round. A leaf is in this round's one probe only, so its counter's
 * move is that probe's. The hub is in all of them: a probe whose leaf sent something (the reply
 * or the request the hub could drop) and whose packet did not die at the leaf may have died at
 * the hub; each probe loses at most one packet before a retransmission timer (1 s, which no round
 * reaches) fires, so when the hub counted exactly as many drops as there are such probes, each of
 * them lost its packet there. Fewer once every probe is over, or more (the shared root namespace
 * moved for another reason): unclear, run those again one at a time. A probe none of whose packets
 * could have been bad (both senders finish their checksums) is never given a drop: a leaf's move
 * makes it unclear, and the hub's count leaves it out.
 */
export function judgeStar(look: StarLook): StarJudgement {
  const p = look.protocol;
  const csum = (c: SnmpCounters) => c[p].inCsumErrors;
  const leafDrops = new Map<number, number>();
  const open: number[] = [];
  const stray: number[] = [];
  look.leaves.forEach((leaf, i) => {
    if (leaf.state === "settled") return;
    const moved = delta(leaf.before, leaf.now, csum) ?? 0;
    if (moved > 0 && leaf.hubMayBreak === false) stray.push(i);
    else if (moved > 0) leafDrops.set(i, moved);
    else open.push(i);
  });
  const eligible = open.filter((i) => look.leaves[i].leafMayBreak !== false && (delta(look.leaves[i].before, look.leaves[i].now, (c) => sentCount(c, p)) ?? 0) >= 1);
  const atHub = (delta(look.hub.before, look.hub.now, csum) ?? 0) - look.hubJudged;
  if (atHub > 0 && atHub === eligible.length) return { leafDrops, hubDrops: eligible, unclear: stray };
  const over = open.every((i) => look.leaves[i].state === "silent");
  return { leafDrops, hubDrops: [], unclear: [...stray, ...(over && atHub > 0 ? eligible : [])] };
}
