/** The host daemons ovs-lab depends on; each is watched by server/host/daemon-health.ts. */
export const DAEMON_NAMES = ["ovsdb-server", "ovs-vswitchd", "dockerd"] as const;
export type DaemonName = (typeof DAEMON_NAMES)[number];

/** "unknown" only until the first check has answered. */
export const DAEMON_STATES = { up: "up", down: "down", unknown: "unknown" } as const;
export type DaemonState = (typeof DAEMON_STATES)[keyof typeof DAEMON_STATES];

export interface DaemonStatus {
  daemon: DaemonName;
  state: DaemonState;
  /** When it entered this state (ISO time). */
  since: string;
  /** Why it was last found down, in words; kept after it comes back, null if it never failed. */
  lastError: string | null;
  /** The socket (or control socket) ovs-lab talks to it on. */
  endpoint: string;
  /** When it was last looked at (ISO time); null before the first check. */
  checkedAt: string | null;
}

export interface DaemonHealthSnapshot {
  /** Every daemon is up. */
  ok: boolean;
  /** The daemons that are down now, for a banner ("ovs-vswitchd is down since …"). */
  down: DaemonName[];
  daemons: Record<DaemonName, DaemonStatus>;
}
