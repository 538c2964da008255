import os from "node:os";

/** `Host: example:3000` / `[::1]:3000` / `10.0.0.5` -> the host name alone, lower case; null when malformed. */
export function hostNameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  const value = hostHeader.trim().toLowerCase();
  const match = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value) ?? /^([a-z0-9_.-]+)(?::\d{1,5})?$/.exec(value);
  return match ? match[1].replace(/\.$/, "") : null;
}

export interface HostAllowlist {
  allows(hostHeader: string | undefined): boolean;
  /** For messages and the start-up banner. */
  names(): string[];
}

const CACHE_MS = 5_000;

/**
 * The names this machine answers to: localhost, loopback, its hostname and every address of its
 * interfaces (read again every few seconds), plus OVSLAB_ALLOWED_HOSTS ("*" allows any, for a
 * reverse proxy that checks Host itself). Anything else is a DNS rebinding attempt or a mistake.
 */
export function hostAllowlist(extra: string[]): HostAllowlist {
  const anyHost = extra.includes("*");
  let cached: { at: number; names: Set<string> } | null = null;
  const names = () => {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.names;
    const set = new Set(["localhost", "127.0.0.1", "::1", os.hostname().toLowerCase(), ...extra.map((h) => h.toLowerCase())]);
    for (const addresses of Object.values(os.networkInterfaces())) for (const a of addresses ?? []) set.add(a.address.toLowerCase().replace(/%.*$/, ""));
    cached = { at: Date.now(), names: set };
    return set;
  };
  return {
    allows(hostHeader) {
      const name = hostNameOf(hostHeader);
      if (name === null) return false;
      return anyHost || names().has(name) || /^127\.\d+\.\d+\.\d+$/.test(name) || name.endsWith(".localhost");
    },
    names: () => [...names()].sort(),
  };
}

/** A browser's Origin must be this server itself (any scheme, same host and port); absent is fine (curl, CLI). */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null" (sandboxed frames, file://)
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.host.toLowerCase() === hostHeader.trim().toLowerCase();
}
