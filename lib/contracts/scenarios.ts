/** A scenario file as the class form lists it: GET /api/scenarios. */
export interface ScenarioSummary {
  id: string;
  title: string;
  summary: string;
  /** Its steps (titles and Markdown), for the presenter's step picker; never the faults. Empty when the file cannot be used. */
  steps: { id: string; title: string; body: string }[];
  /** Why the file cannot be used, when it cannot. */
  error?: string;
}
