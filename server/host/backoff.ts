/** Delays for retrying something that failed: `firstMs`, doubling, never above `maxMs`; reset after a success. */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly firstMs = 100,
    private readonly maxMs = 2000,
  ) {}

  /** The delay before the next attempt (and counts that attempt). */
  next(): number {
    const delay = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return delay;
  }

  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
