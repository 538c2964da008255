/** One TCP or UDP probe to schedule: `round` orders them (lower first). */
export interface OrderedPair {
  from: string;
  to: string;
  round: number;
}

/**
 * A round-robin tournament over ordered pairs (the circle method): 2·(n−1) rounds for an even n
 * (2·n for an odd one, with a bye), every ordered pair exactly once, and no endpoint twice in a
 * round. A kernel counter in one endpoint's namespace then moves for at most one probe at a time.
 */
export function planRounds(names: readonly string[]): OrderedPair[][] {
  const slots: (string | null)[] = names.length % 2 === 0 ? [...names] : [...names, null];
  const m = slots.length;
  if (m < 2) return [];
  const legs: OrderedPair[][] = [];
  for (let r = 0; r < m - 1; r++) {
    const pairs: [string, string][] = [];
    for (let i = 0; i < m / 2; i++) {
      const a = slots[i];
      const b = slots[m - 1 - i];
      // Alternate the direction so that each endpoint both sends and answers in the first leg.
      if (a !== null && b !== null) pairs.push((r + i) % 2 === 0 ? [a, b] : [b, a]);
    }
    legs.push(pairs.map(([from, to]) => ({ from, to, round: r })));
    // Rotate every slot but the first.
    slots.splice(1, 0, slots.pop()!);
  }
  const back = legs.map((pairs, r) => pairs.map((p) => ({ from: p.to, to: p.from, round: m - 1 + r })));
  return [...legs, ...back].filter((round) => round.length > 0);
}

/**
 * The pairs still to run, indexed by endpoint, handed out in round order to whichever
 * endpoints are free. Taking a pair is the caller's `tryTake`: it claims both ends or none.
 */
export class PairScheduler {
  private readonly byEndpoint = new Map<string, OrderedPair[]>();
  private readonly waiting = new Set<OrderedPair>();

  constructor(pairs: Iterable<OrderedPair>) {
    for (const p of pairs) this.add(p);
  }

  get remaining(): number {
    return this.waiting.size;
  }

  /** Again later (after every pair already waiting in its round). */
  add(pair: OrderedPair): void {
    this.waiting.add(pair);
    for (const name of [pair.from, pair.to]) {
      const list = this.byEndpoint.get(name) ?? [];
      const at = list.findIndex((q) => q.round > pair.round);
      list.splice(at < 0 ? list.length : at, 0, pair);
      this.byEndpoint.set(name, list);
    }
  }

  /**
   * Pairs to start now, lowest round first: among all waiting pairs, or, after a release, only
   * among those of the endpoints in `near` (nothing else can have become free).
   */
  take(tryTake: (pair: OrderedPair) => boolean, near?: Iterable<string>): OrderedPair[] {
    const lists = near ? [...new Set(near)].map((n) => this.byEndpoint.get(n) ?? []) : [[...this.waiting].sort((a, b) => a.round - b.round)];
    const candidates = lists.length === 1 ? [...lists[0]] : [...new Set(lists.flat())].sort((a, b) => a.round - b.round);
    const taken: OrderedPair[] = [];
    for (const pair of candidates) {
      if (!this.waiting.has(pair) || !tryTake(pair)) continue;
      this.remove(pair);
      taken.push(pair);
    }
    return taken;
  }

  private remove(pair: OrderedPair): void {
    this.waiting.delete(pair);
    for (const name of [pair.from, pair.to]) {
      const list = this.byEndpoint.get(name)!;
      list.splice(list.indexOf(pair), 1);
    }
  }
}
