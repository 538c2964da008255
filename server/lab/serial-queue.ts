import { LabError } from "./lab-errors";

export interface QueuedWork<T> {
  promise: Promise<T>;
  /** This request joined an identical one already running or waiting, instead of adding its own. */
  merged: boolean;
}

interface Entry<T> {
  key: string;
  promise: Promise<T>;
}

/**
 * One thing at a time, in order: requests with the same key as one running or waiting share its
 * result, and past `maxWaiting` a request is refused with a time to retry (429) instead of piling up.
 */
export class SerialQueue<T> {
  private running: Entry<T> | null = null;
  private readonly waiting: Entry<T>[] = [];
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly what: string,
    private readonly maxWaiting: number,
    private readonly retryAfterS = 1,
  ) {}

  submit(key: string, work: () => Promise<T>): QueuedWork<T> {
    const same = [this.running, ...this.waiting].find((e) => e?.key === key);
    if (same) return { promise: same.promise, merged: true };
    if (this.waiting.length >= this.maxWaiting)
      throw new LabError("busy", `${this.waiting.length} ${this.what} are already waiting; try again in a moment`, this.retryAfterS);
    const entry = { key } as Entry<T>;
    entry.promise = this.tail.then(() => {
      const at = this.waiting.indexOf(entry);
      if (at >= 0) this.waiting.splice(at, 1);
      this.running = entry;
      return work();
    });
    const settle = () => {
      if (this.running === entry) this.running = null;
    };
    this.tail = entry.promise.then(settle, settle);
    // Nothing ahead: it is the running one from now on, not a waiting one.
    if (this.running === null && this.waiting.length === 0) this.running = entry;
    else this.waiting.push(entry);
    return { promise: entry.promise, merged: false };
  }

  get size(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  /** Resolves once everything queued so far has finished (graceful stop). */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}
