import { isNoImpairment, type Impairment, type ImpairmentDirection, type ImpairmentEngine } from "../../lib/contracts/impairment";

/**
 * Which engine makes an impairment on this host: the kernel's netem when it has one; tbf for a rate
 * alone (any kernel with tbf); the userspace relay for delay, jitter and loss without netem.
 * null: nothing to do (no impairment).
 */
export function chooseEngine(impairment: Impairment | null, kernel: { netem: boolean; tbf: boolean }): ImpairmentEngine | null {
  if (!impairment || isNoImpairment(impairment)) return null;
  const timingOrLoss = !!(impairment.delayMs || impairment.jitterMs || impairment.lossPercent);
  if (kernel.netem) return "netem";
  if (!timingOrLoss && kernel.tbf) return "tbf";
  return "relay";
}

export const directionOf = (i: Impairment): ImpairmentDirection => i.direction ?? "to-endpoint";

/** Does the impairment act on frames towards the endpoint, from it? */
export function actsOn(i: Impairment): { toEndpoint: boolean; fromEndpoint: boolean } {
  const d = directionOf(i);
  return { toEndpoint: d !== "from-endpoint", fromEndpoint: d !== "to-endpoint" };
}

/** tbf's bucket: 20 ms of the rate, at least two full frames (a smaller one cannot pass a frame). */
export function tbfBurstBytes(rateKbit: number): number {
  return Math.max(3200, Math.ceil((rateKbit * 1000) / 8 / 50));
}

/** `tc qdisc replace dev IF root …` arguments after `root` for netem or tbf. */
export function qdiscArgs(engine: "netem" | "tbf", i: Impairment): string[] {
  if (engine === "tbf") {
    if (i.rateKbit === undefined) throw new Error("tbf needs a rate");
    return ["tbf", "rate", `${i.rateKbit}kbit`, "burst", String(tbfBurstBytes(i.rateKbit)), "latency", "100ms"];
  }
  const args = ["netem"];
  if (i.delayMs) args.push("delay", `${i.delayMs}ms`, ...(i.jitterMs ? [`${i.jitterMs}ms`] : []));
  if (i.lossPercent) args.push("loss", `${i.lossPercent}%`);
  if (i.rateKbit !== undefined) args.push("rate", `${i.rateKbit}kbit`);
  return args;
}

/** The relay's per-direction argument: what happens to frames one way (nothing when it does not act that way). */
export function relayDirectionJson(i: Impairment, acts: boolean): string {
  if (!acts) return "{}";
  return JSON.stringify({ delayMs: i.delayMs ?? 0, jitterMs: i.jitterMs ?? 0, lossPercent: i.lossPercent ?? 0, rateKbit: i.rateKbit ?? null });
}
