import { expect, type Locator, type Page } from "@playwright/test";
import type { Protocol } from "../../lib/contracts/matrix";
import { SCREENSHOT_DIR } from "./e2e-env";

export const SEED_NAMES = ["host", "c1", "c2", "server"] as const;
export type CellStatus = "ok" | "fail";

/** The dashboard as a test sees it: cards, badges and matrix cells by their test ids. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto("/");
    await expect(this.page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 20_000 });
  }

  node(name: string): Locator {
    return this.page.getByTestId(`node-${name}`);
  }

  txBadge(interfaceId: string): Locator {
    return this.page.getByTestId(`tx-badge-${interfaceId}`);
  }

  cell(protocol: Protocol, from: string, to: string): Locator {
    return this.page.getByTestId(`cell-${protocol}-${from}-${to}`);
  }

  async runTests(): Promise<void> {
    await this.page.getByRole("button", { name: "Run tests" }).click();
  }

  /** Waits until a cell shows a settled result of the given kind. */
  async expectCell(protocol: Protocol, from: string, to: string, status: CellStatus, timeout = 15_000): Promise<void> {
    await expect(this.cell(protocol, from, to)).toHaveAttribute("data-status", status, { timeout });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  }
}

/** The seed's table: ICMP works everywhere; TCP/UDP only between host and server until offload is off. */
export function seedExpectation(protocol: Protocol, from: string, to: string, containersFixed: boolean): CellStatus {
  if (protocol === "icmp" || containersFixed) return "ok";
  const pair = new Set([from, to]);
  return pair.has("host") && pair.has("server") ? "ok" : "fail";
}

export function orderedPairs(names: readonly string[]): [string, string][] {
  return names.flatMap((a) => names.filter((b) => b !== a).map((b): [string, string] => [a, b]));
}
