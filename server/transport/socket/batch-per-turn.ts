/**
 * Items added during one turn of the event loop go out together at its end: a matrix run streams
 * a result per probe, and one socket.io packet each (encoded for every room, binary-checked, framed)
 * cost the server more than the probes did. flush() sends what is waiting now, so that an event
 * sent after it (a run's end) never overtakes the results before it.
 */
export function batchPerTurn<T>(send: (items: T[]) => void): { add: (item: T) => void; flush: () => void } {
  let waiting: T[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    send(items);
  };
  return {
    add: (item) => {
      waiting.push(item);
      scheduled ??= setImmediate(flush);
    },
    flush,
  };
}
