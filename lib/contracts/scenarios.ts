/** A scenario file as the class form lists it: GET /api/scenarios. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  /** Why the file cannot be used, when it cannot. */
  error?: string;
}
