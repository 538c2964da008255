import type { Impairment } from "../../lib/contracts/impairment";

/** A root qdisc of one interface, as `tc -json qdisc show dev IF` prints it. */
export interface RootQdisc {
  kind: string;
  handle: string;
  /** What it does to the link, for netem and tbf; null for any other kind. */
  impairment: Impairment | null;
}

interface RawQdisc {
  kind?: string;
  handle?: string;
  root?: boolean;
  options?: {
    rate?: number | { rate?: number };
    delay?: { delay?: number; jitter?: number };
    "loss-random"?: { loss?: number };
  };
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** bytes/s (tc's JSON) to kbit/s. */
const kbitOf = (bytesPerSecond: number) => Math.round((bytesPerSecond * 8) / 1000);

function impairmentOf(q: RawQdisc): Impairment | null {
  const o = q.options ?? {};
  if (q.kind === "tbf") return typeof o.rate === "number" ? { rateKbit: kbitOf(o.rate) } : null;
  if (q.kind !== "netem") return null;
  const i: Impairment = {};
  // netem prints times in seconds and the loss as a fraction of one.
  if (o.delay?.delay) i.delayMs = Math.round(o.delay.delay * 1000);
  if (o.delay?.jitter) i.jitterMs = Math.round(o.delay.jitter * 1000);
  const loss = o["loss-random"]?.loss;
  if (loss) i.lossPercent = round(loss * 100, 3);
  const rate = typeof o.rate === "object" ? o.rate.rate : undefined;
  if (rate) i.rateKbit = kbitOf(rate);
  return i;
}

/** The root qdisc of `tc -json qdisc show dev IF` (null: none, as a veth has by default: noqueue). */
export function parseRootQdisc(json: string): RootQdisc | null {
  const all = JSON.parse(json.trim() || "[]") as RawQdisc[];
  const root = all.find((q) => q.root);
  if (!root?.kind || root.kind === "noqueue") return null;
  return { kind: root.kind, handle: root.handle ?? "", impairment: impairmentOf(root) };
}
