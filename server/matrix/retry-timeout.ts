/**
 * How long a probe that met silence waits when it is tried again: at least a second. On a busy
 * machine (a browser drawing a 100-container heatmap on the same two cores) the userspace switch's
 * main thread, which forwards the veths' packets, stalled past a 200 ms timeout, and thousands of
 * working pairs read as timeouts; a pair that is really cut stays silent for the second try too.
 */
export const retryTimeoutMs = (timeoutMs: number): number => Math.max(timeoutMs, 1000);
