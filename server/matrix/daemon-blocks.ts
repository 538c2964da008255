import type { DaemonHealthSnapshot } from "../../lib/contracts/daemon-health";
import type { ProbeError } from "../../lib/contracts/matrix";

export type Blocked = { error: ProbeError; detail: string } | null;

/**
 * Which pairs cannot be tested while a daemon is down, and why, in words: with the switch down
 * nothing crosses the bridge; with dockerd down the containers are gone. Every cell says so at once.
 */
export function blockedByDaemons(health: DaemonHealthSnapshot | null, containers: ReadonlySet<string>): (from: string, to: string) => Blocked {
  if (!health || health.ok) return () => null;
  const since = (d: keyof DaemonHealthSnapshot["daemons"]) => `${d} is down since ${health.daemons[d].since}`;
  const switchDown = (["ovsdb-server", "ovs-vswitchd"] as const).find((d) => health.daemons[d].state === "down");
  if (switchDown) {
    const blocked: Blocked = { error: "switch-down", detail: `${since(switchDown)}; start it again (the banner's button, or npm run up)` };
    return () => blocked;
  }
  if (health.daemons.dockerd.state !== "down") return () => null;
  const blocked: Blocked = { error: "docker-down", detail: `${since("dockerd")}; the containers need it` };
  return (from, to) => (containers.has(from) || containers.has(to) ? blocked : null);
}
