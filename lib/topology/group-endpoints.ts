import type { Endpoint } from "../contracts/topology";

/** Above this many endpoints on the bridge, the graph draws groups of them instead of a card each. */
export const GROUP_CARDS_ABOVE = 24;
/** Endpoints per group: a group of ten fits a card, and expanded, two rows of five. */
export const GROUP_SIZE = 10;
/** Groups grow past GROUP_SIZE so that a lab has about this many at most (250 endpoints: 12 groups of 21). */
export const MAX_GROUPS = 12;
/** Group cards per row above the bridge (the host's card joins them); the rest go below it. */
export const GROUPS_PER_ROW = 6;
/** Member cards per row in an expanded group. */
export const GROUP_COLUMNS = 5;

/** Endpoints that share a card: c1–c10, web1–web8. */
export interface EndpointGroup {
  id: string;
  label: string;
  members: Endpoint[];
}

/** The letters a name starts with: web12 → web; a name with none is its own prefix. */
const prefixOf = (name: string) => /^[a-z]+/.exec(name)?.[0] ?? name;

/**
 * Endpoints (in the order given: c2 before c10) cut into groups of at most `size` that share a name
 * prefix, so a lab of roles (web, db) keeps each role apart; null when there are few enough to draw one by one.
 */
export function groupEndpoints(endpoints: readonly Endpoint[], options: { above?: number; size?: number } = {}): EndpointGroup[] | null {
  if (endpoints.length <= (options.above ?? GROUP_CARDS_ABOVE)) return null;
  const size = options.size ?? Math.max(GROUP_SIZE, Math.ceil(endpoints.length / MAX_GROUPS));
  const byPrefix = new Map<string, Endpoint[]>();
  for (const e of endpoints) byPrefix.set(prefixOf(e.name), [...(byPrefix.get(prefixOf(e.name)) ?? []), e]);
  const groups: EndpointGroup[] = [];
  for (const members of byPrefix.values())
    for (let i = 0; i < members.length; i += size) {
      const chunk = members.slice(i, i + size);
      const first = chunk[0].name;
      const last = chunk[chunk.length - 1].name;
      groups.push({ id: `group:${first}`, label: first === last ? first : `${first}–${last}`, members: chunk });
    }
  return groups;
}

/** A group's card: collapsed, the size of an endpoint card; expanded, a grid of small member cards. */
export function groupCardSize(group: EndpointGroup, expanded: boolean, card: { width: number; height: number }, s: number): { width: number; height: number } {
  if (!expanded) return { width: card.width + 24 * s, height: card.height };
  const member = memberCardSize(s);
  const cols = Math.min(GROUP_COLUMNS, group.members.length);
  const rows = Math.ceil(group.members.length / GROUP_COLUMNS);
  return { width: cols * member.width + (cols - 1) * MEMBER_GAP * s + 2 * GROUP_PADDING * s, height: GROUP_HEADER * s + rows * member.height + (rows - 1) * MEMBER_GAP * s + 2 * GROUP_PADDING * s };
}

export const MEMBER_GAP = 8;
export const GROUP_PADDING = 8;
export const GROUP_HEADER = 30;

export function memberCardSize(s: number): { width: number; height: number } {
  return { width: 156 * s, height: 62 * s };
}
