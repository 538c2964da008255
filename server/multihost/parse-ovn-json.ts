import { ovsMap } from "../ovs/ovsdb-values";

/**
 * `ovn-nbctl --format=json` (and ovn-sbctl's) as rows keyed by heading. Maps become records and
 * sets arrays; a plain value stays as it is. Pure: tested on output recorded from a real host.
 */
export function parseNbctlRows(json: string): Record<string, unknown>[] {
  if (!json.trim()) return [];
  const { data, headings } = JSON.parse(json) as { data: unknown[][]; headings: string[] };
  return data.map((row) => Object.fromEntries(headings.map((h, i) => [h, plain(row[i])])));
}

function plain(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  if (value[0] === "map") return ovsMap(value);
  if (value[0] === "set") return (value[1] as unknown[]).map(plain);
  if (value[0] === "uuid") return value[1];
  return value;
}
