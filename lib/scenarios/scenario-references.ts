import type { LabSpec } from "../lab-spec/schema";
import type { Choice, FaultEntry } from "./fault-entry-schema";
import type { Scenario } from "./scenario-schema";
import { scenarioEndpoints } from "./resolve-faults";

export interface ScenarioIssue {
  path: (string | number)[];
  message: string;
}

const options = <T>(value: Choice<T> | undefined): T[] =>
  value === undefined ? [] : typeof value === "object" && value !== null && "oneOf" in value ? value.oneOf : [value as T];

/** Faults planted inside an endpoint (its namespace, its veth): "host" is the machine's own namespace, never touched. */
const INSIDE_ENDPOINT = new Set(["tx-offload", "mtu-mismatch", "link-down", "wrong-address", "firewall-drop"]);

function endpointFields(entry: FaultEntry): [string, Choice<string> | undefined][] {
  switch (entry.kind) {
    case "drop-flow":
      return [["from", entry.from], ["to", entry.to]];
    case "firewall-drop":
      return [["endpoint", entry.endpoint], ["peer", entry.peer]];
    default:
      return [["endpoint", entry.endpoint]];
  }
}

/** Every endpoint and interface a scenario names exists in its lab, and every fault can be planted there. */
export function scenarioReferenceIssues(scenario: Scenario, spec: LabSpec): ScenarioIssue[] {
  const endpoints = scenarioEndpoints(spec);
  const names = new Set(endpoints.map((e) => e.name));
  const known = [...names].join(", ");
  const issues: ScenarioIssue[] = [];
  const checkEntry = (entry: FaultEntry, path: (string | number)[]) => {
    for (const [field, value] of endpointFields(entry)) {
      for (const name of options(value)) {
        if (!names.has(name)) issues.push({ path: [...path, field], message: `no endpoint "${name}" in the lab (endpoints: ${known})` });
        else if (name === "host" && field === "endpoint" && INSIDE_ENDPOINT.has(entry.kind))
          issues.push({ path: [...path, field], message: `${entry.kind} is planted inside an endpoint; "host" is this machine's own namespace` });
      }
    }
    if (entry.kind === "drop-flow" && typeof entry.from === "string" && entry.from === entry.to)
      issues.push({ path: [...path, "to"], message: "a drop rule between an endpoint and itself drops nothing" });
  };
  scenario.faults.forEach((item, i) => {
    if (item.kind === "pick") item.of.forEach((entry, j) => checkEntry(entry, ["faults", i, "of", j]));
    else checkEntry(item, ["faults", i]);
  });
  scenario.checks.forEach((check, i) => {
    const named =
      check.kind === "cell" ? [["cell", check.from], ["cell", check.to]] : check.kind === "interface" ? [["interface", check.interfaceId.split(":")[0]]] : check.kind === "capture" ? [["capture", check.interfaceId.split(":")[0]]] : [];
    for (const [field, name] of named) {
      if (!names.has(name) && !(name === "host" && field !== "cell")) issues.push({ path: ["checks", i, field], message: `no endpoint "${name}" in the lab (endpoints: ${known})` });
    }
  });
  return issues;
}
