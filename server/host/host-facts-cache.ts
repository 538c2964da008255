import type { HostFacts } from "../../lib/contracts/host-facts";
import type { HostContext } from "./host-context";
import { readHostFacts } from "./host-facts";

const MAX_AGE_MS = 2000;
const caches = new WeakMap<HostContext, { at: number; value: Promise<HostFacts>; settled?: boolean }>();

/**
 * Host facts shared by every reader: a thousand pages asking at once cost one reading (it samples the
 * PMD threads for 150 ms, spawns iptables and talks to OVSDB and Docker), not a thousand. Past
 * `maxAgeMs` the reader still gets the last reading at once while a new one is taken behind it, so
 * /api/health never waits for a reading once there is one. A failed reading is not kept.
 */
export function cachedHostFacts(ctx: HostContext, maxAgeMs = MAX_AGE_MS): Promise<HostFacts> {
  const cached = caches.get(ctx);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  const value = readHostFacts(ctx);
  const entry = { at: Date.now(), value };
  if (cached?.settled) {
    // Stale while revalidating: the new reading replaces the old one when it is in.
    value.then(
      () => caches.get(ctx) === cached && caches.set(ctx, { ...entry, settled: true }),
      () => undefined,
    );
    cached.at = Date.now(); // one reading in flight, not one per reader
    return cached.value;
  }
  caches.set(ctx, entry);
  value.then(
    () => caches.get(ctx) === entry && caches.set(ctx, { ...entry, settled: true }),
    () => caches.get(ctx) === entry && caches.delete(ctx),
  );
  return value;
}

/** After a daemon came or went, the next reader reads afresh. */
export function forgetHostFacts(ctx: HostContext): void {
  caches.delete(ctx);
}
