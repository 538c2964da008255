import type { DaemonHealthSnapshot } from "./daemon-health";
import type { HostFacts } from "./host-facts";
import type { ImpairmentSupport } from "./impairment";

/** GET /api/health: the lab served here, what the host offers, and which daemon is down since when (503 then). */
export interface HealthInfo {
  ok: boolean;
  labId: string;
  host: HostFacts;
  daemons: DaemonHealthSnapshot;
  /** How this host impairs a link (netem, tbf, or the relay where the kernel has no netem); probed at start. */
  impairments: ImpairmentSupport | null;
}
