import type { ClassifiedTopology } from "./classify-topology";

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
  bridge: Box;
  host: Box | null;
  /** Endpoint name (or a slot's id, such as a group's) -> box, and which side of the bridge it sits on. */
  endpoints: Map<string, Box & { side: Side | "outside" }>;
  dpdk: Map<string, Box>;
}

/** A place in the rows above and below the bridge: an endpoint's card, or a group of them. */
export interface Slot {
  id: string;
  width: number;
  height: number;
}

export interface LayoutOptions {
  /** 1 for a laptop, larger for the projector's large-text mode. */
  scale?: number;
  /** Cards per row above (and below) the bridge. */
  perRow?: number;
  /** What the rows hold, in order, when not one card per attached endpoint (see group-endpoints). */
  slots?: (card: { width: number; height: number }, s: number) => Slot[];
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

/**
 * A fixed grid, the same every time for the same lab: containers (or groups of them) and the host's own
 * card in a row above the bridge (half of them in a row below it when there are many), the DPDK ports in
 * a column right of the bridge, and the endpoints behind them outside the frame, right of their port.
 * A taller slot in the top row ends where the others end, just above the bridge.
 */
export function layoutTopology(model: ClassifiedTopology, options: LayoutOptions = {}): TopologyLayout {
  const s = options.scale ?? 1;
  const perRow = options.perRow ?? 10;
  const dense = model.attached.length > 8;
  const card = { width: (dense ? 168 : 190) * s, height: 124 * s };
  const gap = { x: (dense ? 18 : 28) * s, y: 96 * s };
  const bridgeHeight = 92 * s;
  const dpdkCard = { width: 210 * s, height: 132 * s };

  const slots = options.slots ? options.slots(card, s) : model.attached.map((e) => ({ id: e.name, ...card }));
  const topCount = slots.length <= perRow ? slots.length : Math.ceil(slots.length / 2);
  const top = slots.slice(0, topCount);
  const bottom = slots.slice(topCount);
  const topWidths = [...top.map((t) => t.width), ...(model.host ? [card.width] : [])];
  const bottomWidths = bottom.map((b) => b.width);
  const rowWidth = Math.max(rowWidthOf(topWidths, gap.x), rowWidthOf(bottomWidths, gap.x), 2 * card.width + gap.x);
  const topHeight = Math.max(0, ...top.map((t) => t.height), model.host ? card.height : 0);
  const bottomHeight = Math.max(0, ...bottom.map((b) => b.height));

  const left = FRAME_PADDING;
  const topY = FRAME_PADDING + FRAME_LABEL_HEIGHT * s;
  const bridgeY = topWidths.length > 0 ? topY + topHeight + gap.y : topY;
  const bottomY = bridgeY + bridgeHeight + gap.y;
  const bridge: Box = { x: left, y: bridgeY, width: rowWidth, height: bridgeHeight };

  const endpoints: TopologyLayout["endpoints"] = new Map();
  const topXs = rowXs(topWidths, gap.x, left, rowWidth);
  top.forEach((slot, i) => endpoints.set(slot.id, { x: topXs[i], y: topY + topHeight - slot.height, width: slot.width, height: slot.height, side: "top" }));
  const bottomXs = rowXs(bottomWidths, gap.x, left, rowWidth);
  bottom.forEach((slot, i) => endpoints.set(slot.id, { x: bottomXs[i], y: bottomY, width: slot.width, height: slot.height, side: "bottom" }));
  /** The host's own card ends the top row: its port is the bridge's internal one, straight below it. */
  const host: Box | null = model.host ? { x: topXs[top.length], y: topY + topHeight - card.height, ...card } : null;

  const columnX = left + rowWidth + gap.x * 2;
  const dpdk: TopologyLayout["dpdk"] = new Map();
  const dpdkTop = bridgeY + bridgeHeight / 2 - dpdkCard.height / 2;
  model.dpdk.forEach((d, i) => dpdk.set(d.port.name, { x: columnX, y: dpdkTop + i * (dpdkCard.height + gap.y / 2), ...dpdkCard }));
  const dpdkBottom = model.dpdk.length ? dpdkTop + model.dpdk.length * (dpdkCard.height + gap.y / 2) - gap.y / 2 : 0;
  const contentRight = model.dpdk.length ? columnX + dpdkCard.width : left + rowWidth;
  const contentBottom = Math.max(bottom.length ? bottomY + bottomHeight : bridgeY + bridgeHeight, dpdkBottom);
  const frame: Box = { x: 0, y: 0, width: contentRight + FRAME_PADDING, height: contentBottom + FRAME_PADDING };

  const outsideX = frame.width + gap.x * 3;
  for (const d of model.dpdk) {
    const port = dpdk.get(d.port.name)!;
    d.behind.forEach((e, i) =>
      endpoints.set(e.name, { x: outsideX, y: port.y + (port.height - card.height) / 2 + i * (card.height + gap.y / 2), ...card, side: "outside" }),
    );
  }
  return { frame, bridge, host, endpoints, dpdk };
}
