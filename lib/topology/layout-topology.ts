import type { BridgeBand, ClassifiedTopology } from "./classify-topology";

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Side = "top" | "bottom";

/** Absolute boxes for every card; the frame contains everything but the endpoints behind DPDK ports. */
export interface TopologyLayout {
  frame: Box;
  /** The first bridge's box (the host's). */
  bridge: Box;
  /** Every bridge's box, by name, stacked top to bottom in the lab's order. */
  bridges: Map<string, Box>;
  host: Box | null;
  /** Endpoint name (or a slot's id, such as a group's) -> box, and which side of its bridge it sits on. */
  endpoints: Map<string, Box & { side: Side | "outside" }>;
  dpdk: Map<string, Box>;
}

/** A place in the rows above and below a bridge: an endpoint's card, or a group of them. */
export interface Slot {
  id: string;
  width: number;
  height: number;
}

export type CardSize = { width: number; height: number };

export interface LayoutOptions {
  /** 1 for a laptop, larger for the projector's large-text mode. */
  scale?: number;
  /** Cards per row above (and below) a bridge. */
  perRow?: number;
  /**
   * What a bridge's rows hold, in order, when not one card per attached endpoint (see group-endpoints),
   * and how many per row; null: one card per endpoint.
   */
  bandSlots?: (band: BridgeBand, card: CardSize, s: number) => { slots: Slot[]; perRow?: number } | null;
}

export const FRAME_PADDING = 32;
export const FRAME_LABEL_HEIGHT = 36;

/** The x of each slot in a row of `widths`, centred in `rowWidth`. */
function rowXs(widths: number[], gap: number, left: number, rowWidth: number): number[] {
  const content = widths.reduce((a, w) => a + w, 0) + Math.max(0, widths.length - 1) * gap;
  let x = left + (rowWidth - content) / 2;
  return widths.map((w) => {
    const at = x;
    x += w + gap;
    return at;
  });
}

const rowWidthOf = (widths: number[], gap: number) => widths.reduce((a, w) => a + w, 0) + Math.max(0, widths.length - 1) * gap;

/** A band's rows: the slots above its bridge (the host's card ends the first band's) and those below. */
interface BandRows {
  band: BridgeBand;
  top: Slot[];
  bottom: Slot[];
  withHost: boolean;
  width: number;
}

function bandRows(band: BridgeBand, withHost: boolean, card: CardSize, gapX: number, s: number, options: LayoutOptions): BandRows {
  const custom = options.bandSlots?.(band, card, s) ?? null;
  const slots = custom ? custom.slots : band.attached.map((e) => ({ id: e.name, ...card }));
  const perRow = custom?.perRow ?? options.perRow ?? 10;
  const topCount = slots.length <= perRow ? slots.length : Math.ceil(slots.length / 2);
  const top = slots.slice(0, topCount);
  const bottom = slots.slice(topCount);
  const topWidths = [...top.map((t) => t.width), ...(withHost ? [card.width] : [])];
  const width = Math.max(rowWidthOf(topWidths, gapX), rowWidthOf(bottom.map((b) => b.width), gapX), 2 * card.width + gapX);
  return { band, top, bottom, withHost, width };
}

/**
 * A fixed grid, the same every time for the same lab. Each bridge is a band: its containers (or groups of
 * them) in a row above it (half of them in a row below it when there are many), the first band's row ending
 * with the host's own card; the bands stacked top to bottom in the lab's order, all as wide as the widest;
 * the DPDK ports in a column right of their bridge, and the endpoints behind them outside the frame, right of
 * their port. A taller slot in a top row ends where the others end, just above its bridge.
 */
export function layoutTopology(model: ClassifiedTopology, options: LayoutOptions = {}): TopologyLayout {
  const s = options.scale ?? 1;
  const dense = model.attached.length > 8;
  const card = { width: (dense ? 168 : 190) * s, height: 124 * s };
  const gap = { x: (dense ? 18 : 28) * s, y: 96 * s };
  const bridgeHeight = 92 * s;
  const dpdkCard = { width: 210 * s, height: 132 * s };

  const rows = model.bands.map((band, i) => bandRows(band, i === 0 && model.host !== null, card, gap.x, s, options));
  const rowWidth = Math.max(...rows.map((r) => r.width));
  // A chip with a VLAN badge is wider than its card: the bridges reach a little past the rows so it stays on them.
  const tagged = model.bands.some((b) => b.bridge?.ports.some((p) => p.tag !== undefined || p.trunks?.length));
  const margin = tagged ? 28 * s : 0;
  const left = FRAME_PADDING + margin;
  const columnX = left + rowWidth + margin + gap.x * 2;
  const endpoints: TopologyLayout["endpoints"] = new Map();
  const bridges: TopologyLayout["bridges"] = new Map();
  const dpdk: TopologyLayout["dpdk"] = new Map();
  let host: Box | null = null;
  let topY = FRAME_PADDING + FRAME_LABEL_HEIGHT * s;
  let contentBottom = 0;
  for (const { band, top, bottom, withHost } of rows) {
    const topWidths = [...top.map((t) => t.width), ...(withHost ? [card.width] : [])];
    const topHeight = Math.max(0, ...top.map((t) => t.height), withHost ? card.height : 0);
    const bottomHeight = Math.max(0, ...bottom.map((b) => b.height));
    const bridgeY = topWidths.length > 0 ? topY + topHeight + gap.y : topY;
    const bottomY = bridgeY + bridgeHeight + gap.y;
    bridges.set(band.name, { x: left - margin, y: bridgeY, width: rowWidth + 2 * margin, height: bridgeHeight });
    const topXs = rowXs(topWidths, gap.x, left, rowWidth);
    top.forEach((slot, i) => endpoints.set(slot.id, { x: topXs[i], y: topY + topHeight - slot.height, width: slot.width, height: slot.height, side: "top" }));
    const bottomXs = rowXs(bottom.map((b) => b.width), gap.x, left, rowWidth);
    bottom.forEach((slot, i) => endpoints.set(slot.id, { x: bottomXs[i], y: bottomY, width: slot.width, height: slot.height, side: "bottom" }));
    /** The host's own card ends the top row: its port is the bridge's internal one, straight below it. */
    if (withHost) host = { x: topXs[top.length], y: topY + topHeight - card.height, ...card };

    const dpdkTop = bridgeY + bridgeHeight / 2 - dpdkCard.height / 2;
    band.dpdk.forEach((d, i) => dpdk.set(d.port.name, { x: columnX, y: dpdkTop + i * (dpdkCard.height + gap.y / 2), ...dpdkCard }));
    const dpdkBottom = band.dpdk.length ? dpdkTop + band.dpdk.length * (dpdkCard.height + gap.y / 2) - gap.y / 2 : 0;
    const bandBottom = Math.max(bottom.length ? bottomY + bottomHeight : bridgeY + bridgeHeight, dpdkBottom);
    contentBottom = bandBottom;
    topY = bandBottom + gap.y;
  }
  const contentRight = model.dpdk.length ? columnX + dpdkCard.width : left + rowWidth + margin;
  const frame: Box = { x: 0, y: 0, width: contentRight + FRAME_PADDING, height: contentBottom + FRAME_PADDING };

  const outsideX = frame.width + gap.x * 3;
  for (const d of model.dpdk) {
    const port = dpdk.get(d.port.name)!;
    d.behind.forEach((e, i) =>
      endpoints.set(e.name, { x: outsideX, y: port.y + (port.height - card.height) / 2 + i * (card.height + gap.y / 2), ...card, side: "outside" }),
    );
  }
  return { frame, bridge: bridges.get(model.bands[0].name)!, bridges, host, endpoints, dpdk };
}
