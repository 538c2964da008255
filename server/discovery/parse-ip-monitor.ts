/**
 * The interface names an `ip monitor link address` chunk speaks of ("1026: pmx-a@pmx-b: <...>",
 * "Deleted 1026: pmx-a    inet ..."). null when a line that starts an event names none: the caller
 * then treats the chunk as relevant, since a missed change is worse than a spare rediscovery.
 */
export function monitoredInterfaces(chunk: string): string[] | null {
  const names: string[] = [];
  for (const line of chunk.split("\n")) {
    if (line === "" || /^\s/.test(line)) continue; // a continuation line (link/ether, valid_lft) of the event above
    const name = /^(?:Deleted\s+)?\d+:\s+([^\s:@]+)/.exec(line)?.[1];
    if (!name) return null;
    names.push(name);
  }
  return names;
}

/** Whether a chunk is news for a lab whose root-namespace interfaces `isLabInterface` recognises. */
export function concernsLab(chunk: string, isLabInterface: (ifname: string) => boolean): boolean {
  const names = monitoredInterfaces(chunk);
  return names === null || names.some(isLabInterface);
}
