/**
 * When the next star round should first look at the counters: about when the last rounds' drops
 * were first seen. A drop seen at a round's very first look may have landed long before it, so the
 * estimate then halves instead of averaging in a time it set itself (averaging alone let one slow
 * round, e.g. beside the ICMP wave, hold every later round's first look near 20 ms: a 20-container
 * matrix's rounds took 15-30 ms each for drops that land within a few).
 */
export function nextDropEstimateMs(previousMs: number, firstDropMs: number | null, seenAtFirstLook: boolean): number {
  if (firstDropMs === null) return previousMs;
  if (seenAtFirstLook) return Math.max(1, previousMs / 2);
  return 0.7 * previousMs + 0.3 * firstDropMs;
}

/** The first look of a round, from the estimate: a little before the drops are expected, never later than 20 ms. */
export const firstLookMs = (estimateMs: number) => Math.min(estimateMs * 0.7, 20);
