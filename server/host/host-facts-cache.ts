import type { HostFacts } from "../../lib/contracts/host-facts";
import type { HostContext } from "./host-context";
import { readHostFacts } from "./host-facts";

const MAX_AGE_MS = 2000;
const caches = new WeakMap<HostContext, { at: number; value: Promise<HostFacts> }>();

/**
 * Host facts shared by every reader for a couple of seconds: a thousand pages asking at once cost
 * one reading (it spawns iptables and talks to OVSDB and Docker), not a thousand. A failed reading
 * is not kept.
 */
export function cachedHostFacts(ctx: HostContext, maxAgeMs = MAX_AGE_MS): Promise<HostFacts> {
  const cached = caches.get(ctx);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  const value = readHostFacts(ctx);
  const entry = { at: Date.now(), value };
  caches.set(ctx, entry);
  value.catch(() => caches.get(ctx) === entry && caches.delete(ctx));
  return value;
}

/** After a daemon came or went, the next reader reads afresh. */
export function forgetHostFacts(ctx: HostContext): void {
  caches.delete(ctx);
}
