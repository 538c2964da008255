import type { HostContext } from "../host/host-context";
import type { LabService } from "../lab/lab-service";
import type { LatestResults } from "../lab/latest-results";
import type { SnapshotStore } from "../snapshots/snapshot-store";
import type { CaptureRegistry } from "../capture/capture-service";
import type { ExperimentRegistry } from "../experiment/experiment-runner";

/** Everything the operations act on: made once by the server at start, shared by both transports. */
export interface LabServices {
  ctx: HostContext;
  lab: LabService;
  latest: LatestResults;
  snapshots: SnapshotStore;
  captures: CaptureRegistry;
  experiments: ExperimentRegistry;
}
