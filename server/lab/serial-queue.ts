import { AsyncLocalStorage } from "node:async_hooks";
import { LabError } from "./lab-errors";

export interface QueuedWork<T> {
  promise: Promise<T>;
  /** This request joined an identical one already running or waiting, instead of adding its own. */
  merged: boolean;
}

interface Entry {
  key: string;
  promise: Promise<unknown>;
}

/**
 * One thing at a time, in order: requests with the same key as one running or waiting share its
 * result, and past `maxWaiting` a request is refused with a time to retry (429) instead of piling up.
 * Work submitted from inside running work (a restore's own `up`) runs at once: it already holds the turn.
 */
export class SerialQueue {
  private running: Entry | null = null;
  private readonly waiting: Entry[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(
    private readonly what: string,
    private readonly maxWaiting: number,
    private readonly retryAfterS = 1,
  ) {}

  submit<T>(key: string, work: () => Promise<T>): QueuedWork<T> {
    if (this.inside.getStore()) return { promise: work(), merged: false };
    const same = [this.running, ...this.waiting].find((e) => e?.key === key);
    if (same) return { promise: same.promise as Promise<T>, merged: true };
    if (this.waiting.length >= this.maxWaiting)
      throw new LabError("busy", `${this.waiting.length} ${this.what} are already waiting; try again in a moment`, this.retryAfterS);
    const entry: Entry = { key, promise: Promise.resolve() };
    const promise = this.tail.then(() => {
      const at = this.waiting.indexOf(entry);
      if (at >= 0) this.waiting.splice(at, 1);
      this.running = entry;
      return this.inside.run(true, work);
    });
    entry.promise = promise;
    const settle = () => {
      if (this.running === entry) this.running = null;
    };
    this.tail = promise.then(settle, settle);
    // Nothing ahead: it is the running one from now on, not a waiting one.
    if (this.running === null && this.waiting.length === 0) this.running = entry;
    else this.waiting.push(entry);
    return { promise, merged: false };
  }

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /** Resolves once everything queued so far has finished (graceful stop). */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /**
   * For a small change that must not interleave with queued work but needs no turn of its own: resolves
   * once what is queued now has finished, at once from inside running work (which holds the turn).
   */
  settled(): Promise<void> {
    return this.inside.getStore() ? Promise.resolve() : this.drained();
  }
}
