/** What the server prints with OVSLAB_TRACE=1: where an operation spends its time, and the work a run did again. */

/**
 * Where a long operation's time goes, printed when OVSLAB_TRACE=1: `phase("endpoints")` logs the time
 * since the previous phase and since the start. Silent (and nearly free) otherwise.
 */
export function phaseTimer(what: string): (phase: string) => void {
  if (process.env.OVSLAB_TRACE !== "1") return () => undefined;
  const start = performance.now();
  let last = start;
  return (phase) => {
    const now = performance.now();
    console.log(`[ovs-lab trace] ${what}: ${phase} ${Math.round(now - last)} ms (at ${Math.round(now - start)} ms)`);
    last = now;
  };
}

/** A line for OVSLAB_TRACE=1 only: what a run did that costs time (a second try, a wait). */
export function traceLine(message: () => string): void {
  if (process.env.OVSLAB_TRACE === "1") console.log(`[ovs-lab trace] ${message()}`);
}
