import type { ApiClient } from "@/lib/api-client/api-client";
import type { LabSpec } from "@/lib/lab-spec/schema";

export type ApplyPhase =
  | { phase: "idle" }
  | { phase: "confirm" }
  | { phase: "up"; startedAt: number }
  | { phase: "testing"; pairs: number }
  | { phase: "opening"; labId: string }
  | { phase: "failed"; message: string };

export interface ApplyPlan {
  spec: LabSpec;
  /** The draft is another lab: it is brought up under its own id, then its page opens. */
  newLab: boolean;
  retestPairs: [string, string][];
}

/**
 * Apply, step by step: an up of the edited spec (the server starts only what is new and changes only what
 * changed, impairments included), then the changed pairs tested again by the page, or,
 * for a new lab, its own page opened (which tests every pair once it is there).
 */
export async function applyPlan(plan: ApplyPlan, api: ApiClient, report: (p: ApplyPhase) => void, retest: (pairs: [string, string][]) => void, openLab: (labId: string) => void): Promise<void> {
  report({ phase: "up", startedAt: Date.now() });
  await api.labUp({ body: { spec: plan.spec } });
  if (plan.newLab) {
    report({ phase: "opening", labId: plan.spec.id });
    openLab(plan.spec.id);
    return;
  }
  report({ phase: "testing", pairs: plan.retestPairs.length });
  retest(plan.retestPairs);
}
