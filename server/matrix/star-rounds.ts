/** An ordered pair to probe. */
export interface Pair {
  from: string;
  to: string;
}

/** Probes that run together: each has the hub at one end, and no other endpoint is in two of them. */
export interface StarRound {
  hub: string;
  probes: Pair[];
}

/**
 * Rounds that cover every pair once. In a round every endpoint but the hub is in one probe, so a
 * checksum drop in its namespace is that probe's; the hub's drops are told apart by counting
 * (star-verdicts.ts). A full matrix of n endpoints takes about n + 1 rounds (each endpoint's
 * probes to all others in one), an offload toggle's re-test (one endpoint's pairs) two.
 * A shared namespace (the root one, `shared`) is only ever a hub: its counter needs the counting
 * and the corroboration only the hub gets.
 */
export function planStarRounds(pairs: readonly Pair[], shared: (name: string) => boolean): StarRound[] {
  const left = new Map<string, Pair[]>();
  for (const p of pairs) for (const n of [p.from, p.to]) left.set(n, [...(left.get(n) ?? []), p]);
  const done = new Set<Pair>();
  const remaining = (n: string) => (left.get(n) ?? []).filter((p) => !done.has(p));
  const rounds: StarRound[] = [];
  while (done.size < pairs.length) {
    const hub = [...left.keys()]
      .map((n) => ({ n, count: remaining(n).length }))
      .filter((c) => c.count > 0)
      .sort((a, b) => Number(shared(b.n)) - Number(shared(a.n)) || b.count - a.count)[0].n;
    const leaves = new Set<string>();
    const probes: Pair[] = [];
    // The hub's outgoing pairs first: one request each to one agent, in one write.
    const mine = remaining(hub).sort((a, b) => Number(b.from === hub) - Number(a.from === hub));
    for (const p of mine) {
      const leaf = p.from === hub ? p.to : p.from;
      if (leaves.has(leaf) || (shared(leaf) && !shared(hub))) continue;
      leaves.add(leaf);
      probes.push(p);
      done.add(p);
    }
    if (probes.length === 0) {
      // Only pairs with another shared endpoint left (two labs' host in one run cannot happen): one at a time.
      probes.push(mine[0]);
      done.add(mine[0]);
    }
    rounds.push({ hub, probes });
  }
  return rounds;
}
