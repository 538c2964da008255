import type { DaemonHealthSnapshot } from "./daemon-health";
import type { HostFacts } from "./host-facts";

/** GET /api/health: the lab served here, what the host offers, and which daemon is down since when (503 then). */
export interface HealthInfo {
  ok: boolean;
  labId: string;
  host: HostFacts;
  daemons: DaemonHealthSnapshot;
}
