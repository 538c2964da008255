/**
 * A link's impairment: what a slow, far or lossy wire does to the frames of one endpoint's link.
 * The lab spec (version 2) imports `impairmentSchema` (impairment-inputs.ts) as an endpoint link's
 * `impair` field; the operation that sets one on a running lab takes the same schema.
 */

export const IMPAIRMENT_BOUNDS = {
  delayMs: { min: 0, max: 10_000 },
  jitterMs: { min: 0, max: 10_000 },
  lossPercent: { min: 0, max: 100 },
  /** 8 kbit/s to 10 Gbit/s. */
  rateKbit: { min: 8, max: 10_000_000 },
} as const;

/**
 * Which way the impairment acts. `to-endpoint`: frames the bridge sends to the endpoint (the egress of
 * the veth's host end, where `tc qdisc ... dev <host end>` acts); `from-endpoint`: what the endpoint sends;
 * `both`: each way on its own (a 100 ms delay both ways is 200 ms more round trip).
 */
export const IMPAIRMENT_DIRECTIONS = ["to-endpoint", "from-endpoint", "both"] as const;
export type ImpairmentDirection = (typeof IMPAIRMENT_DIRECTIONS)[number];

/** Every field absent or zero: no such effect. */
export interface Impairment {
  delayMs?: number;
  jitterMs?: number;
  lossPercent?: number;
  rateKbit?: number;
  direction?: ImpairmentDirection;
}

/** An impairment that changes nothing (every field absent or zero) is no impairment. */
export function isNoImpairment(i: Impairment | null | undefined): boolean {
  return !i || (!(i.delayMs ?? 0) && !(i.jitterMs ?? 0) && !(i.lossPercent ?? 0) && i.rateKbit === undefined);
}

/**
 * How this host impairs a link. `netem`: the kernel's netem qdisc (delay, jitter, loss, rate); `tbf`:
 * the kernel's token bucket (rate alone); `relay`: ovs-lab's userspace forwarder on the link (used for
 * delay, jitter and loss when the kernel has no netem).
 */
export const IMPAIRMENT_ENGINES = ["netem", "tbf", "relay"] as const;
export type ImpairmentEngine = (typeof IMPAIRMENT_ENGINES)[number];

/** What the kernel offers, probed once at server start. */
export interface ImpairmentSupport {
  netem: boolean;
  tbf: boolean;
  /** In words: which engine does what on this host, e.g. "delay via relay (this kernel has no netem)". */
  summary: string;
}

/** One endpoint link's impairment as read from the host. */
export interface LinkImpairment {
  endpoint: string;
  /** The veth's host end. */
  hostEnd: string;
  engine: ImpairmentEngine;
  impairment: Impairment;
  /** The interface on the bridge for this endpoint: the host end, or the relay's bridge-side end. */
  bridgePort: string;
  /** For the relay: its forwarder process (null when it is not running, e.g. between restarts). */
  relay?: { pid: number | null; restarts: number };
  /** The page's words, e.g. "100 ms delay via relay (this kernel has no netem)". */
  note: string;
}

export interface ImpairmentList {
  support: ImpairmentSupport;
  links: LinkImpairment[];
}


export const IMPAIRMENT_OPERATIONS = { set: "link impairment", list: "impairment list" } as const;

/** "100 ms ± 10 ms delay, 20 % loss, 1000 kbit/s" */
export function describeImpairment(i: Impairment): string {
  const parts: string[] = [];
  if (i.delayMs) parts.push(`${i.delayMs} ms${i.jitterMs ? ` ± ${i.jitterMs} ms` : ""} delay`);
  if (i.lossPercent) parts.push(`${i.lossPercent} % loss`);
  if (i.rateKbit !== undefined) parts.push(`${i.rateKbit} kbit/s`);
  const way = i.direction && i.direction !== "to-endpoint" ? ` (${i.direction})` : "";
  return (parts.join(", ") || "none") + way;
}
