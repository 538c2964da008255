import type { DaemonHealthSnapshot } from "./daemon-health";
import type { HostFacts } from "./host-facts";
import type { PackedResults, PackedRun } from "./packed-results";
import type { Topology } from "./topology";

/**
 * What a page reads first (GET /api/state, the socket's `state:get`): the lab, the host, the daemons
 * and the newest result of every cell. `latest` holds the re-tests' results newer than `lastRun`
 * (apply `lastRun`, then `latest`); both come as rows (packed-results.ts).
 * `revision` moves with every event a page applies: a page whose state has the revision its socket's
 * `hello` says has missed nothing, and need not read the state again.
 */
export interface LabStateAnswer {
  revision: string;
  topology: Topology;
  host: HostFacts;
  lastRun: PackedRun | null;
  latest: PackedResults;
  daemons: DaemonHealthSnapshot;
}
