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
 * A fixed grid, the same every time for the same lab: containers in a row above the bridge
 * (and a second row below it when there are many), the host's own port and the DPDK ports in a
 * column on the right, and the endpoints behind DPDK ports outside the frame, right of their port.
 */
export function layoutTopology(model: ClassifiedTopology, options: LayoutOptions = {}): TopologyLayout {
  const s = options.scale ?? 1;
  const perRow = options.perRow ?? 10;
  const card = { width: 190 * s, height: 124 * s };
  const gap = { x: 28 * s, y: 96 * s };
  const bridgeHeight = 92 * s;
  const dpdkCard = { width: 210 * s, height: 132 * s };

  const names = model.attached.map((e) => e.name);
  const topCount = names.length <= perRow ? names.length : Math.ceil(names.length / 2);
  const top = names.slice(0, topCount);
  const bottom = names.slice(topCount);
  const columns = Math.max(top.length, bottom.length, 2);
  const rowWidth = columns * card.width + (columns - 1) * gap.x;

  const left = FRAME_PADDING;
  const topY = FRAME_PADDING + FRAME_LABEL_HEIGHT * s;
  const bridgeY = top.length > 0 ? topY + card.height + gap.y : topY;
  const bottomY = bridgeY + bridgeHeight + gap.y;
  const bridge: Box = { x: left, y: bridgeY, width: rowWidth, height: bridgeHeight };

  const endpoints: TopologyLayout["endpoints"] = new Map();
  const rowStart = (count: number) => left + (rowWidth - (count * card.width + (count - 1) * gap.x)) / 2;
  top.forEach((name, i) => endpoints.set(name, { x: rowStart(top.length) + i * (card.width + gap.x), y: topY, ...card, side: "top" }));
  bottom.forEach((name, i) =>
    endpoints.set(name, { x: rowStart(bottom.length) + i * (card.width + gap.x), y: bottomY, ...card, side: "bottom" }),
  );

  const columnX = left + rowWidth + gap.x * 3;
  const host: Box | null = model.host ? { x: columnX, y: topY, ...card } : null;
  const dpdk: TopologyLayout["dpdk"] = new Map();
  let dpdkY = Math.max(bridgeY, host ? host.y + host.height + gap.y / 2 : bridgeY);
  for (const d of model.dpdk) {
    dpdk.set(d.port.name, { x: columnX, y: dpdkY, ...dpdkCard });
    dpdkY += dpdkCard.height + gap.y / 2;
  }
  const columnWidth = model.host || model.dpdk.length ? Math.max(host ? card.width : 0, model.dpdk.length ? dpdkCard.width : 0) : 0;
  const contentRight = columnWidth ? columnX + columnWidth : left + rowWidth;
  const contentBottom = Math.max(
    bottom.length ? bottomY + card.height : bridgeY + bridgeHeight,
    host ? host.y + host.height : 0,
    dpdkY - gap.y / 2,
  );
  const frame: Box = { x: 0, y: 0, width: contentRight + FRAME_PADDING, height: contentBottom + FRAME_PADDING };

  const outsideX = frame.width + gap.x * 4;
  for (const d of model.dpdk) {
    const port = dpdk.get(d.port.name)!;
    d.behind.forEach((e, i) => endpoints.set(e.name, { x: outsideX, y: port.y + i * (card.height + gap.y / 2), ...card, side: "outside" }));
  }
  return { frame, bridge, host, endpoints, dpdk };
}
