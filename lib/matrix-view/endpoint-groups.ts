import type { Topology } from "../contracts/topology";
import type { CellSummary } from "./cell-summary";

/** How the heatmap orders and bands its rows and columns. */
export const GROUP_MODES = { none: "none", tx: "tx", outcome: "outcome", prefix: "prefix" } as const;
export type GroupMode = (typeof GROUP_MODES)[keyof typeof GROUP_MODES];

/** Each mode's name in the switch, and what it is good for, said in the page. */
export const GROUP_MODE_WORDS: Record<GroupMode, { label: string; explain: string }> = {
  none: { label: "none", explain: "Rows and columns in lab order: the host, then containers, then namespaces." },
  tx: {
    label: "TX offload",
    explain: "By the TX checksum offload of each endpoint's own interface: senders with it on leave checksums unfinished, so their band is where TCP and UDP fail.",
  },
  outcome: { label: "failing or not", explain: "Endpoints in at least one failed probe first, then those whose probes all passed, then those not tested yet." },
  prefix: { label: "name prefix", explain: "By the letters a name starts with (web1, web2 → web), for labs named by role." },
};

/** A band of the heatmap: its label and where it sorts (lower first). */
export interface GroupKey {
  label: string;
  rank: number;
}

/** Whether TX checksum offload is on for each endpoint's own interface (its end of the veth, or the bridge's port for the host). */
export function txOffloadByEndpoint(topology: Topology): Map<string, boolean | null> {
  const byId = new Map(topology.interfaces.map((i) => [i.id, i]));
  return new Map(
    topology.endpoints.map((e) => {
      const own = e.interfaceIds.map((id) => byId.get(id)).find((i) => i?.offload.tx);
      return [e.name, own?.offload.tx?.on ?? null];
    }),
  );
}

const NO_GROUP: GroupKey = { label: "", rank: 0 };

/**
 * The band of every endpoint under `mode`; prefixes rank in the order they first appear in `names`.
 * `summary` is read only when grouping by outcome (so the bands of other modes need not follow every result).
 */
export function groupKeys(mode: GroupMode, names: readonly string[], facts: { tx: ReadonlyMap<string, boolean | null>; summary: CellSummary | null }): Map<string, GroupKey> {
  const keys = new Map<string, GroupKey>();
  const prefixes = new Map<string, number>();
  for (const name of names) {
    if (mode === GROUP_MODES.none) keys.set(name, NO_GROUP);
    else if (mode === GROUP_MODES.tx) {
      const on = facts.tx.get(name);
      keys.set(name, on === true ? { label: "TX on", rank: 0 } : on === false ? { label: "TX off", rank: 1 } : { label: "TX unknown", rank: 2 });
    } else if (mode === GROUP_MODES.outcome) {
      const key = facts.summary?.failing.has(name) ? { label: "failing", rank: 0 } : facts.summary?.tested.has(name) ? { label: "all ok", rank: 1 } : { label: "not tested", rank: 2 };
      keys.set(name, key);
    } else {
      const prefix = /^[a-z]+/.exec(name)?.[0] ?? name;
      if (!prefixes.has(prefix)) prefixes.set(prefix, prefixes.size);
      keys.set(name, { label: prefix, rank: prefixes.get(prefix)! });
    }
  }
  return keys;
}
