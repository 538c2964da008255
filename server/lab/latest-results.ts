import { cellKey, type ProbeResult } from "../../lib/contracts/matrix";
import type { LabService } from "./lab-service";

export interface LatestResults {
  /** The newest result per matrix cell of the current lab, pair re-tests included. */
  all(): ProbeResult[];
}

export function trackLatestResults(lab: LabService): LatestResults {
  const cells = new Map<string, ProbeResult>();
  let labId = lab.labId;
  lab.on("matrix:result", (r) => {
    if (lab.labId !== labId) cells.clear();
    labId = lab.labId;
    cells.set(cellKey(r.from, r.to, r.protocol), r);
  });
  return { all: () => (lab.labId === labId ? [...cells.values()] : []) };
}
