import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { describeZodError, type LabSpec } from "../../lib/lab-spec/schema";
import { retargetSpec } from "../../lib/lab-spec/retarget";
import { SCENARIO_ID_PATTERN, scenarioSchema, type Scenario } from "../../lib/scenarios/scenario-schema";
import { scenarioReferenceIssues } from "../../lib/scenarios/scenario-references";
import { resolveFaults } from "../../lib/scenarios/resolve-faults";
import { fixOperationsOf, type PlantedFault } from "../../lib/scenarios/fault-kinds";
import { LabError } from "../lab/lab-errors";
import { loadTemplate, parseLabSpec } from "../lab/templates";

import type { ScenarioSummary } from "../../lib/contracts/scenarios";
export type { ScenarioSummary };

/** Where a scenario's lab goes: the student's (or test's) lab id and first three octets of its /24. */
export interface LabPlacement {
  labId: string;
  subnet24: string;
}

const scenariosDir = (projectRoot: string) => path.join(projectRoot, "scenarios");

async function scenarioIds(projectRoot: string): Promise<string[]> {
  const files = await readdir(scenariosDir(projectRoot)).catch(() => []);
  return files.filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).filter((id) => SCENARIO_ID_PATTERN.test(id)).sort();
}

/** The scenario's lab as written (a template's or its own), before it is moved to a lab id and subnet. */
async function labAsWritten(projectRoot: string, scenario: Scenario): Promise<LabSpec> {
  return scenario.lab.source === "template" ? loadTemplate(projectRoot, scenario.lab.template) : scenario.lab.spec;
}

/**
 * `scenarios/<id>.yaml`, validated: the file's fields (errors name them), then every endpoint and
 * interface it names against its lab. The id is checked against the pattern and the directory's
 * listing before it becomes part of a path.
 */
export async function loadScenario(projectRoot: string, id: string): Promise<Scenario> {
  if (!SCENARIO_ID_PATTERN.test(id)) throw new LabError("invalid", `scenario id "${id.slice(0, 60)}": lower-case letters, digits and -, 40 at most`);
  const ids = await scenarioIds(projectRoot);
  if (!ids.includes(id)) throw new LabError("notFound", `no scenario "${id}"; scenarios: ${ids.join(", ") || "none"}`);
  const where = `scenarios/${id}.yaml`;
  let doc: unknown;
  try {
    doc = parseYaml(await readFile(path.join(scenariosDir(projectRoot), `${id}.yaml`), "utf8"));
  } catch (err) {
    throw new LabError("invalid", `${where} is not valid YAML: ${(err as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(doc);
  if (!parsed.success) throw new LabError("invalid", `${where}: ${describeZodError(parsed.error)}`);
  if (parsed.data.id !== id) throw new LabError("invalid", `${where}: id: "${parsed.data.id}" must be the file's name, "${id}"`);
  const issues = scenarioReferenceIssues(parsed.data, await labAsWritten(projectRoot, parsed.data));
  if (issues.length) throw new LabError("invalid", `${where}: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** Every scenario file, with its title, or why it cannot be used. */
export async function listScenarios(projectRoot: string): Promise<ScenarioSummary[]> {
  return Promise.all(
    (await scenarioIds(projectRoot)).map(async (id) => {
      try {
        const s = await loadScenario(projectRoot, id);
        return { id, title: s.title, summary: s.summary, steps: s.steps.map(({ id, title, body }) => ({ id, title, body })) };
      } catch (err) {
        return { id, title: id, summary: "", steps: [], error: (err as Error).message };
      }
    }),
  );
}

/** The scenario's lab moved to `placement`: every name from the lab id, every address into the /24. */
export async function scenarioLabSpec(projectRoot: string, scenario: Scenario, placement: LabPlacement): Promise<LabSpec> {
  const moved = retargetSpec(await labAsWritten(projectRoot, scenario), placement.labId, placement.subnet24);
  return parseLabSpec(moved, `scenario ${scenario.id} as lab ${placement.labId} in ${placement.subnet24}.0/24`);
}

/** The page operations a student of this scenario may use: its own list, else the fixes of every fault kind it can plant. */
export function scenarioOperations(scenario: Scenario): string[] {
  if (scenario.operations) return [...scenario.operations].sort();
  const kinds = scenario.faults.flatMap((f) => (f.kind === "pick" ? f.of.map((o) => o.kind) : [f.kind]));
  return fixOperationsOf(kinds);
}

export interface PreparedScenario {
  scenario: Scenario;
  spec: LabSpec;
  faults: PlantedFault[];
  operations: string[];
}

/** All a class needs for one student: the scenario, its lab at the student's placement, and the faults chosen by the seed. */
export async function prepareScenario(projectRoot: string, id: string, placement: LabPlacement, seed: string): Promise<PreparedScenario> {
  const scenario = await loadScenario(projectRoot, id);
  const spec = await scenarioLabSpec(projectRoot, scenario, placement);
  return { scenario, spec, faults: resolveFaults(scenario.faults, spec, seed), operations: scenarioOperations(scenario) };
}
