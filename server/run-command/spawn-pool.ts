/**
 * At most `limit` short-lived programs at once, server-wide: a burst of requests waits its turn
 * instead of forking hundreds of processes. `stats()` feeds the load bench (peak concurrency).
 */
export class SpawnPool {
  private active = 0;
  private peak = 0;
  private started = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    this.started++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await work();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  stats(): { active: number; waiting: number; peak: number; limit: number; started: number } {
    return { active: this.active, waiting: this.waiting.length, peak: this.peak, limit: this.limit, started: this.started };
  }
}

/** The pool every runCommand goes through (long-lived streams and agents are bounded by their own limits). */
export const spawnPool = new SpawnPool(32);
