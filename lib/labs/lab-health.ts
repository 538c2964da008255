import type { LabSummary } from "../contracts/labs";

/** A lab's health in a few words, for the lab list. */
export function labHealthWords(lab: LabSummary): string {
  const run = lab.lastRun;
  switch (lab.health) {
    case "ok":
      return `healthy: ${lab.running} of ${lab.endpoints} endpoints running, last run ${run ? `passed ${run.total} probes` : "passed"}`;
    case "failing":
      return `failing: ${run ? `${run.failed} of ${run.total} probes failed in the last run` : "the last run had failures"}`;
    case "down":
      return lab.endpoints === 0 ? "down: nothing is built" : `down: none of ${lab.endpoints} endpoints runs`;
    case "unknown":
      return `not tested yet: ${lab.running} of ${lab.endpoints} endpoints running`;
  }
}

/** The default lab first, then by id. */
export function sortLabs(labs: readonly LabSummary[]): LabSummary[] {
  return [...labs].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.labId.localeCompare(b.labId));
}
