import type { ScenarioSummary } from "../contracts/scenarios";

/** The longest `step` a presenter state carries (lib/contracts/presenter.ts). */
const STEP_MAX = 64;

/**
 * The presenter's step names its scenario too, `<scenario>/<step>`, so a page that follows can find
 * its title and text in GET /api/scenarios. null when the pair does not fit.
 */
export function stepRef(scenarioId: string, stepId: string): string | null {
  const ref = `${scenarioId}/${stepId}`;
  return ref.length <= STEP_MAX ? ref : null;
}

export interface ResolvedStep {
  scenarioId: string;
  scenarioTitle: string;
  stepId: string;
  title: string;
  body: string;
  /** 1-based, of `total`. */
  number: number;
  total: number;
}

export function resolveStep(ref: string | null, scenarios: readonly ScenarioSummary[]): ResolvedStep | null {
  if (!ref) return null;
  const slash = ref.indexOf("/");
  if (slash < 0) return null;
  const scenarioId = ref.slice(0, slash);
  const stepId = ref.slice(slash + 1);
  const scenario = scenarios.find((s) => s.id === scenarioId);
  const index = scenario?.steps.findIndex((s) => s.id === stepId) ?? -1;
  if (!scenario || index < 0) return null;
  const step = scenario.steps[index];
  return { scenarioId, scenarioTitle: scenario.title, stepId, title: step.title, body: step.body, number: index + 1, total: scenario.steps.length };
}
