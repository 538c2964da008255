import { expect, type Locator, type Page } from "@playwright/test";
import type { Protocol } from "../../lib/contracts/matrix";

/** What a heatmap canvas says it draws: rows and columns in order, where each starts, and the squares' size. */
export interface DrawnAxes {
  rows: string[];
  cols: string[];
  rowOffsets: number[];
  colOffsets: number[];
  rowPitch: number;
  colPitch: number;
}

const list = (s: string | null) => (s ? s.split(",") : []);

/** The matrix heatmap as a test sees it: its canvases (by their data attributes), filters, legend and tooltip. */
export class HeatmapView {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId("matrix-heatmap");
  }

  canvas(protocol: Protocol): Locator {
    return this.page.getByTestId(`heatmap-${protocol}`);
  }

  tooltip(): Locator {
    return this.page.getByTestId("heatmap-tooltip");
  }

  failuresOnly(): Locator {
    return this.page.getByTestId("heatmap-failures-only");
  }

  legendCount(shade: string): Locator {
    return this.page.getByTestId("heatmap-legend").locator(`[data-shade="${shade}"]`);
  }

  async axes(protocol: Protocol): Promise<DrawnAxes> {
    const c = this.canvas(protocol);
    const [rows, cols, rowOffsets, colOffsets, rowPitch, colPitch] = await Promise.all(
      ["data-rows", "data-cols", "data-row-offsets", "data-col-offsets", "data-row-pitch", "data-col-pitch"].map((a) => c.getAttribute(a)),
    );
    return { rows: list(rows), cols: list(cols), rowOffsets: list(rowOffsets).map(Number), colOffsets: list(colOffsets).map(Number), rowPitch: Number(rowPitch), colPitch: Number(colPitch) };
  }

  /** Waits until a canvas has painted `count` squares with a result. */
  async expectResults(protocol: Protocol, count: number, timeout: number): Promise<void> {
    await expect(this.canvas(protocol)).toHaveAttribute("data-results", String(count), { timeout });
  }

  /** Moves the pointer to the middle of the square for a row label and a column name. */
  async hover(protocol: Protocol, rowLabel: string, col: string): Promise<void> {
    const axes = await this.axes(protocol);
    const r = axes.rows.indexOf(rowLabel);
    const c = axes.cols.indexOf(col);
    if (r < 0 || c < 0) throw new Error(`${protocol} heatmap has no square ${rowLabel} × ${col}`);
    await this.canvas(protocol).scrollIntoViewIfNeeded();
    const box = await this.canvas(protocol).boundingBox();
    if (!box) throw new Error(`${protocol} heatmap is not on the screen`);
    await this.page.mouse.move(box.x + axes.colOffsets[c] + axes.colPitch / 2, box.y + axes.rowOffsets[r] + axes.rowPitch / 2);
  }
}
