/** `ovs-appctl coverage/show`: each counter's total since ovs-vswitchd started (counters never hit are not listed). */
export function parseCoverage(text: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([a-z0-9_]+)\s+.*\btotal:\s*(\d+)\s*$/.exec(line.trim());
    if (m) totals.set(m[1], Number(m[2]));
  }
  return totals;
}

/** Counters that grew between two readings, limited to those whose names say they count drops. */
export function dropDeltas(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const grown: Record<string, number> = {};
  for (const [name, total] of after) {
    const delta = total - (before.get(name) ?? 0);
    if (delta > 0 && /drop/.test(name)) grown[name] = delta;
  }
  return grown;
}
