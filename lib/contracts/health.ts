import type { HostFacts } from "./host-facts";

/** GET /api/health: the lab served here and what the host offers. */
export interface HealthInfo {
  ok: boolean;
  labId: string;
  host: HostFacts;
}
