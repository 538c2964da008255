import { ENDPOINT_VARIANTS, SWITCH_LABELS, SWITCH_VARIANTS, variantId, type ExperimentRunState, type ExperimentVariant, type VariantResult } from "../contracts/experiment";
import type { Protocol } from "../contracts/matrix";

/** Every variant of the seed's table in its order: switch, then endpoints, then offload on before off. */
export function allVariants(): ExperimentVariant[] {
  return SWITCH_VARIANTS.flatMap((sw) =>
    ENDPOINT_VARIANTS.flatMap((endpoints) => [true, false].map((offload) => ({ switch: sw, endpoints, offload, id: variantId({ switch: sw, endpoints, offload }) }))),
  );
}

/** A row of the page's table: the variant and, when the current run has it, its result. */
export interface TableRow {
  variant: ExperimentVariant;
  result: VariantResult | null;
}

/** One group per switch, rows in the seed's order, each with its result in this run (if any). */
export function experimentTable(state: ExperimentRunState | null): { switch: ExperimentVariant["switch"]; label: string; rows: TableRow[] }[] {
  const results = new Map(state?.variants.map((v) => [v.variant.id, v]) ?? []);
  return SWITCH_VARIANTS.map((sw) => ({
    switch: sw,
    label: SWITCH_LABELS[sw],
    rows: allVariants()
      .filter((v) => v.switch === sw)
      .map((variant) => ({ variant, result: results.get(variant.id) ?? null })),
  }));
}

/** A saved run's table: only the variants it ran, in the same groups; a switch with none is left out. */
export function savedExperimentTable(state: ExperimentRunState | null): ReturnType<typeof experimentTable> {
  return experimentTable(state)
    .map((group) => ({ ...group, rows: group.rows.filter((r) => r.result !== null) }))
    .filter((group) => group.rows.length > 0);
}

/** A row update from the socket, merged into the run it belongs to. */
export function withVariant(state: ExperimentRunState | null, experimentId: string, variant: VariantResult): ExperimentRunState | null {
  if (!state || state.id !== experimentId) return state;
  const known = state.variants.some((v) => v.variant.id === variant.variant.id);
  const variants = known ? state.variants.map((v) => (v.variant.id === variant.variant.id ? variant : v)) : [...state.variants, variant];
  return { ...state, variants };
}

/** `TCP 2/12` per protocol the row was tested with, in the run's order. */
export function tallyText(result: VariantResult, protocols: readonly Protocol[]): string[] {
  return protocols.flatMap((p) => {
    const t = result.tally[p];
    return t ? [`${p.toUpperCase()} ${t.ok}/${t.total}`] : [];
  });
}

/** Whether every pair of a protocol worked, some failed, or it was not tested. */
export function tallyKind(result: VariantResult, protocol: Protocol): "all-ok" | "some-fail" | "none" {
  const t = result.tally[protocol];
  if (!t || t.total === 0) return "none";
  return t.ok === t.total ? "all-ok" : "some-fail";
}

export const STATUS_WORDS: Record<VariantResult["status"], string> = {
  pending: "waiting",
  building: "building lab…",
  running: "testing…",
  done: "done",
  "not-runnable": "not runnable here",
  error: "error",
  cancelled: "cancelled",
};

/** `offload on` / `offload off`, and the endpoint kind in words. */
export function variantWords(v: ExperimentVariant): { endpoints: string; offload: string } {
  return { endpoints: v.endpoints === "containers" ? "Docker containers" : "network namespaces", offload: v.offload ? "on" : "off" };
}

/** How far the run is: rows finished (done, not runnable, error, cancelled) of rows planned. */
export function runProgress(state: ExperimentRunState | null): { finished: number; total: number } {
  const variants = state?.variants ?? [];
  return { finished: variants.filter((v) => !["pending", "building", "running"].includes(v.status)).length, total: variants.length };
}

/** `tcp c1>c2` strings grouped by protocol, for a compact cell: `[{ protocol: "TCP", pairs: ["c1>c2", …] }]`. */
export function failingByProtocol(failing: readonly string[]): { protocol: string; pairs: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const f of failing) {
    const [protocol, pair] = f.split(" ");
    const key = (protocol ?? "").toUpperCase();
    groups.set(key, [...(groups.get(key) ?? []), pair ?? f]);
  }
  return [...groups].map(([protocol, pairs]) => ({ protocol, pairs }));
}

/** Probes landed so far per variant of one run, so a row shows progress before its tally is in. */
export type ProbeCounts = { experimentId: string; counts: Record<string, number> } | null;

export function countProbe(current: ProbeCounts, experimentId: string, variantId: string): ProbeCounts {
  const counts = current?.experimentId === experimentId ? current.counts : {};
  return { experimentId, counts: { ...counts, [variantId]: (counts[variantId] ?? 0) + 1 } };
}
