"use client";
import { useEffect, useState } from "react";
import type { ScenarioSummary } from "@/lib/contracts/scenarios";
import { labApi } from "../labs/lab-client";

let cached: Promise<ScenarioSummary[]> | null = null;

/** The scenario files (titles and steps), read once per page load; [] until they arrive or when they cannot be read. */
export function useScenarios(wanted = true): ScenarioSummary[] {
  const [scenarios, setScenarios] = useState<ScenarioSummary[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    cached ??= labApi()
      .scenarioList()
      .then((b) => b.scenarios)
      .catch(() => {
        cached = null;
        return [];
      });
    void cached.then((s) => live && setScenarios(s));
    return () => {
      live = false;
    };
  }, [wanted]);
  return scenarios;
}
