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
  /** Endpoint name -> box, and which side of the bridge it sits on. */
  endpoints: Map<string, Box & { side: Side | "outside" }>;
  dpdk: Map<string, Box>;
}

export interface LayoutOptions {
  /** 1 for a laptop, larger for the projector's large-text mode. */
  scale?: number;
  /** Cards per row above (and below) the bridge. */
  perRow?: number;
}

export const FRAME_PADDING = 32;
export const FRAME_LABEL_HEIGHT = 36;

/**
 * A fixed grid, the same every time for the same lab: containers and the host's own card in a row
 * above the bridge (half the containers in a row below it when there are many), the DPDK ports in
 * a column right of the bridge, and the endpoints behind them outside the frame, right of their port.
 */
export function layoutTopology(model: ClassifiedTopology, options: LayoutOptions = {}): TopologyLayout {
  const s = options.scale ?? 1;
  const perRow = options.perRow ?? 10;
  const dense = model.attached.length > 8;
  const card = { width: (dense ? 168 : 190) * s, height: 124 * s };
  const gap = { x: (dense ? 18 : 28) * s, y: 96 * s };
  const bridgeHeight = 92 * s;
  const dpdkCard = { width: 210 * s, height: 132 * s };

  const names = model.attached.map((e) => e.name);
  const topCount = names.length <= perRow ? names.length : Math.ceil(names.length / 2);
  const top = names.slice(0, topCount);
  const bottom = names.slice(topCount);
  const topSlots = top.length + (model.host ? 1 : 0);
  const columns = Math.max(topSlots, bottom.length, 2);
  const rowWidth = columns * card.width + (columns - 1) * gap.x;

  const left = FRAME_PADDING;
  const topY = FRAME_PADDING + FRAME_LABEL_HEIGHT * s;
  const bridgeY = topSlots > 0 ? topY + card.height + gap.y : topY;
  const bottomY = bridgeY + bridgeHeight + gap.y;
  const bridge: Box = { x: left, y: bridgeY, width: rowWidth, height: bridgeHeight };

  const endpoints: TopologyLayout["endpoints"] = new Map();
  const slotX = (count: number, i: number) => left + (rowWidth - (count * card.width + (count - 1) * gap.x)) / 2 + i * (card.width + gap.x);
  top.forEach((name, i) => endpoints.set(name, { x: slotX(topSlots, i), y: topY, ...card, side: "top" }));
  bottom.forEach((name, i) => endpoints.set(name, { x: slotX(bottom.length, i), y: bottomY, ...card, side: "bottom" }));
  /** The host's own card ends the top row: its port is the bridge's internal one, straight below it. */
  const host: Box | null = model.host ? { x: slotX(topSlots, top.length), y: topY, ...card } : null;

  const columnX = left + rowWidth + gap.x * 2;
  const dpdk: TopologyLayout["dpdk"] = new Map();
  const dpdkTop = bridgeY + bridgeHeight / 2 - dpdkCard.height / 2;
  model.dpdk.forEach((d, i) => dpdk.set(d.port.name, { x: columnX, y: dpdkTop + i * (dpdkCard.height + gap.y / 2), ...dpdkCard }));
  const dpdkBottom = model.dpdk.length ? dpdkTop + model.dpdk.length * (dpdkCard.height + gap.y / 2) - gap.y / 2 : 0;
  const contentRight = model.dpdk.length ? columnX + dpdkCard.width : left + rowWidth;
  const contentBottom = Math.max(bottom.length ? bottomY + card.height : bridgeY + bridgeHeight, dpdkBottom);
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
