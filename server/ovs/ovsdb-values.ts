/** Decoders for OVSDB's JSON encoding of sets, maps and atoms (RFC 7047 5.1). */
export type OvsdbValue = unknown;

export function ovsSet(value: OvsdbValue): unknown[] {
  if (Array.isArray(value) && value[0] === "set") return value[1] as unknown[];
  if (Array.isArray(value) && value[0] === "uuid") return [value[1]];
  return value === undefined ? [] : [value];
}

export function ovsMap(value: OvsdbValue): Record<string, string> {
  if (!Array.isArray(value) || value[0] !== "map") return {};
  return Object.fromEntries((value[1] as [string, unknown][]).map(([k, v]) => [k, String(v)]));
}

export function ovsUuid(value: OvsdbValue): string | null {
  return Array.isArray(value) && value[0] === "uuid" ? String(value[1]) : null;
}

export function ovsUuids(value: OvsdbValue): string[] {
  return ovsSet(value).map((v) => (Array.isArray(v) && v[0] === "uuid" ? String(v[1]) : String(v)));
}

/** An optional scalar column: an empty set means "no value". */
export function ovsOptional<T>(value: OvsdbValue): T | null {
  const items = ovsSet(value);
  return items.length ? (items[0] as T) : null;
}
