import type { AgentProcess } from "../probes/agent-process";
import type { SnmpCounters } from "../probes/parse-snmp";

/** Reads an agent's namespace counters, once per look however many probes share that end. */
export type ReadCounters = (agent: AgentProcess | undefined) => SnmpCounters | null;

interface Watch {
  look: (read: ReadCounters) => boolean;
  nextAt: number;
  gapMs: number;
}

/** The first look, and the longest gap between two: a drop lands well under a millisecond after the send when the switch is awake. */
const FIRST_LOOK_MS = 1;
const MAX_GAP_MS = 16;

/**
 * One timer for every probe of a run that waits for its counters: at each tick the probes due
 * look, and each namespace is read once for all of them (an endpoint in a TCP and a UDP probe).
 * A probe looks often at first, then less and less often.
 */
export class CounterPoller {
  private readonly watches = new Set<Watch>();
  private timer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;

  /**
   * `look` returns true when it is done looking; the disposer stops it. `firstMs`: when a drop is
   * expected (a round's drops land together, about when the last ones did): looking earlier
   * only reads every namespace for nothing.
   */
  watch(look: (read: ReadCounters) => boolean, firstMs = FIRST_LOOK_MS): () => void {
    const first = Math.max(FIRST_LOOK_MS, firstMs);
    const w: Watch = { look, nextAt: performance.now() + first, gapMs: Math.max(FIRST_LOOK_MS, first / 4) };
    this.watches.add(w);
    this.schedule();
    return () => {
      this.watches.delete(w);
    };
  }

  private schedule(): void {
    let next = Infinity;
    for (const w of this.watches) next = Math.min(next, w.nextAt);
    if (next === Infinity || next >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = next;
    this.timer = setTimeout(() => this.tick(), Math.max(0, next - performance.now()));
  }

  private tick(): void {
    this.timer = null;
    this.wakeAt = Infinity;
    const now = performance.now();
    const cache = new Map<AgentProcess, SnmpCounters | null>();
    const read: ReadCounters = (agent) => {
      if (!agent) return null;
      if (!cache.has(agent)) cache.set(agent, agent.counters());
      return cache.get(agent)!;
    };
    for (const w of [...this.watches]) {
      if (w.nextAt > now) continue;
      if (w.look(read)) {
        this.watches.delete(w);
        continue;
      }
      w.nextAt = now + w.gapMs;
      w.gapMs = Math.min(MAX_GAP_MS, w.gapMs * 1.25);
    }
    this.schedule();
  }
}
