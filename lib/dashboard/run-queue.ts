export type Pair = [string, string];

/**
 * One matrix run from this page at a time: requests made while a run is in flight are merged
 * (pairs unioned, or "everything") and sent as one run when it finishes.
 */
export class RunQueue {
  private inFlight: string | null = null;
  private waiting: { all: boolean; pairs: Map<string, Pair> } | null = null;
  private readonly finishedEarly = new Set<string>();

  constructor(private readonly start: (pairs: Pair[] | undefined) => Promise<string>) {}

  /** Pairs to test, or undefined for every pair. */
  request(pairs?: Pair[]): void {
    const w = (this.waiting ??= { all: false, pairs: new Map() });
    if (!pairs) w.all = true;
    else for (const p of pairs) w.pairs.set(p.join(">"), p);
    this.pump();
  }

  /** Tell the queue a run finished (any run: only its own matters). */
  finished(runId: string): void {
    if (this.inFlight === runId) {
      this.inFlight = null;
      this.pump();
    } else if (this.inFlight === "starting") this.finishedEarly.add(runId);
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  private pump(): void {
    if (this.inFlight || !this.waiting) return;
    const { all, pairs } = this.waiting;
    this.waiting = null;
    this.inFlight = "starting";
    this.start(all ? undefined : [...pairs.values()]).then(
      (runId) => {
        this.inFlight = runId;
        if (this.finishedEarly.delete(runId)) this.finished(runId);
        this.finishedEarly.clear();
      },
      () => {
        this.inFlight = null;
        this.pump();
      },
    );
  }
}
