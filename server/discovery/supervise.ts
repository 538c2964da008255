import { Backoff } from "../host/backoff";

/** Starts one instance of a stream; calls `ended` (once is enough) when it ends or fails; returns its disposer. */
export type StartStream = (ended: (why: string) => void) => Promise<() => void>;

export interface SuperviseHooks {
  /** The stream ended or could not start; it is started again after a backoff. */
  onTrouble?: (why: string) => void;
  /** Started again after a gap: whatever it would have reported meanwhile was missed. */
  onRestarted?: () => void;
  backoff?: { firstMs: number; maxMs: number };
}

/**
 * Keeps a stream (the Docker event stream, `ip monitor`) alive: when it ends or errors it is started
 * again with backoff. The first start must succeed (its error is thrown); later failures only retry.
 * Returns a disposer that stops it for good.
 */
export async function supervise(start: StartStream, hooks: SuperviseHooks = {}): Promise<() => void> {
  const backoff = new Backoff(hooks.backoff?.firstMs ?? 100, hooks.backoff?.maxMs ?? 2000);
  let stopped = false;
  let dispose: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;

  const launch = async (): Promise<void> => {
    let live = true;
    const startedAt = Date.now();
    const ended = (why: string) => {
      if (!live || stopped) return;
      live = false;
      dispose?.();
      dispose = null;
      // A stream that ran for a while earned a fresh start; one that dies at once keeps backing off.
      if (Date.now() - startedAt > 5000) backoff.reset();
      hooks.onTrouble?.(why);
      retry();
    };
    dispose = await start(ended);
    if (stopped || !live) dispose();
  };
  const retry = () => {
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      launch().then(
        () => hooks.onRestarted?.(),
        (err: unknown) => {
          hooks.onTrouble?.(err instanceof Error ? err.message : String(err));
          retry();
        },
      );
    }, backoff.next());
    timer.unref();
  };

  await launch();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    dispose?.();
    dispose = null;
  };
}
