import { cellKey, type Protocol, type ProbeResult } from "../contracts/matrix";
import { OFFLOAD_FEATURE_NAMES, type OffloadFeature } from "../contracts/offload";
import type { Topology } from "../contracts/topology";
import { mapInterfaceId, type LabNaming } from "./retarget-snapshot";

export interface CellChange {
  from: string;
  to: string;
  protocol: Protocol;
  /** ok in the first run; null when the first run did not test this cell. */
  a: boolean | null;
  b: boolean | null;
}

export interface OffloadChange {
  /** The id in the second snapshot's names (the first's when it is gone from the second). */
  interfaceId: string;
  feature: OffloadFeature;
  a: boolean | null;
  b: boolean | null;
}

export interface SnapshotDiff {
  endpoints: { added: string[]; removed: string[] };
  offload: OffloadChange[];
  cells: CellChange[];
}

type CellOwner = Pick<ProbeResult, "from" | "to" | "protocol" | "ok">;

/** Cells whose outcome differs, or that only one run tested; sorted by protocol, then pair. */
export function diffMatrixCells(a: readonly CellOwner[], b: readonly CellOwner[]): CellChange[] {
  const cells = new Map<string, CellChange>();
  for (const r of a) cells.set(cellKey(r.from, r.to, r.protocol), { from: r.from, to: r.to, protocol: r.protocol, a: r.ok, b: null });
  for (const r of b) {
    const key = cellKey(r.from, r.to, r.protocol);
    cells.set(key, { ...(cells.get(key) ?? { from: r.from, to: r.to, protocol: r.protocol, a: null }), b: r.ok });
  }
  return [...cells.entries()]
    .filter(([, c]) => c.a !== c.b)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([, c]) => c);
}

const naming = (t: Topology): LabNaming => ({ labId: t.labId, bridge: t.bridge?.name ?? "" });
const CANONICAL: LabNaming = { labId: "{lab}", bridge: "{bridge}" };

/** Offload differences per interface and feature, matching interfaces across lab ids by their role names. */
export function diffOffload(a: Topology, b: Topology): OffloadChange[] {
  const index = (t: Topology) => new Map(t.interfaces.map((i) => [mapInterfaceId(i.id, naming(t), CANONICAL), i]));
  const ia = index(a);
  const ib = index(b);
  const changes: OffloadChange[] = [];
  for (const key of [...new Set([...ia.keys(), ...ib.keys()])].sort()) {
    const x = ia.get(key);
    const y = ib.get(key);
    for (const feature of OFFLOAD_FEATURE_NAMES) {
      const on = (s: typeof x) => s?.offload[feature]?.on ?? null;
      if (on(x) !== on(y)) changes.push({ interfaceId: (y ?? x)!.id, feature, a: on(x), b: on(y) });
    }
  }
  return changes;
}

export function compareSnapshots(
  a: { topology: Topology; matrix: { results: readonly CellOwner[] } | null },
  b: { topology: Topology; matrix: { results: readonly CellOwner[] } | null },
): SnapshotDiff {
  const names = (t: Topology) => new Set(t.endpoints.map((e) => e.name));
  const na = names(a.topology);
  const nb = names(b.topology);
  return {
    endpoints: { added: [...nb].filter((n) => !na.has(n)).sort(), removed: [...na].filter((n) => !nb.has(n)).sort() },
    offload: diffOffload(a.topology, b.topology),
    cells: diffMatrixCells(a.matrix?.results ?? [], b.matrix?.results ?? []),
  };
}
