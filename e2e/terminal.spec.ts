import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { DashboardPage } from "./support/dashboard-page";
import { E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { VIEWER_STORAGE_STATE } from "./support/operator-session";

/** The text the shown terminal draws (xterm's DOM renderer: one row per line). */
const screen = (page: Page) => page.locator("#lab-terminals .xterm-rows").filter({ visible: true });

async function type(page: Page, line: string): Promise<void> {
  await page.locator("#lab-terminals .xterm").filter({ visible: true }).click();
  await page.keyboard.type(line);
  await page.keyboard.press("Enter");
}

test("the operator opens a terminal in c1 from the graph, runs ip a, and a second one on the host side of c1's port", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.node("c1").getByTestId("terminal-open-c1").click();
  const panel = page.locator("#lab-terminals");
  await expect(panel.getByRole("tab", { name: "c1" })).toBeVisible();
  await expect(screen(page)).toContainText(`[${E2E_LAB_ID} c1]`);

  await type(page, "ip a");
  await expect(screen(page)).toContainText(new RegExp(`inet ${E2E_SUBNET.replace(/\./g, "\\.")}\\.\\d+/24`));
  await expect(screen(page)).toContainText("eth0");
  await dash.screenshot("terminal-c1-ip-a");

  // The fit addon sized the shell to the panel (it was opened at 100x24), and follows the panel when it grows.
  await type(page, "stty size");
  const size = async () => {
    const text = (await screen(page).innerText()).replace(/\u00a0/g, " ");
    const all = [...text.matchAll(/^(\d+) (\d+)\s*$/gm)];
    return all.at(-1)?.slice(1).map(Number) ?? null;
  };
  await expect.poll(size).not.toBeNull();
  const [rows, cols] = (await size())!;
  expect(cols).toBeGreaterThan(100);
  await panel.locator(".resize-y").evaluate((el) => ((el as HTMLElement).style.height = "520px"));
  await page.waitForTimeout(400);
  await type(page, "clear; stty size");
  await expect.poll(async () => (await size())?.[0] ?? 0).toBeGreaterThan(rows);

  // Paste with Ctrl+Shift+V (the clipboard's text typed into the shell), copy with Ctrl+Shift+C (xterm's selection).
  await page.evaluate(() => navigator.clipboard.writeText("echo pasted-$((6*7))"));
  await page.locator("#lab-terminals .xterm").filter({ visible: true }).click();
  await page.keyboard.press("Control+Shift+V");
  // The paste reads the clipboard asynchronously: Enter before its text lands runs an empty line (seen once in CI).
  await expect(screen(page)).toContainText("echo pasted-$((6*7))");
  await page.keyboard.press("Enter");
  await expect(screen(page)).toContainText("pasted-42");
  await screen(page).getByText("pasted-42", { exact: true }).dblclick({ force: true }); // xterm's screen, above the rows, takes the mouse
  await page.keyboard.press("Control+Shift+C");
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe("pasted-42");

  // A second terminal, in a tab of its own: the host, named after c1's port.
  await page.getByTestId(`terminal-open-host:${E2E_LAB_ID}-c1`).first().click();
  await expect(panel.getByRole("tab", { name: `host (${E2E_LAB_ID}-c1)` })).toBeVisible();
  await type(page, "ethtool -k $OVSLAB_INTERFACE | grep tx-checksumming");
  await expect(screen(page)).toContainText("tx-checksumming:");
  await dash.screenshot("terminal-two-tabs");

  await panel.getByRole("button", { name: `Close the terminal in host (${E2E_LAB_ID}-c1)` }).click();
  await expect(panel.getByRole("tab")).toHaveCount(1);
  await panel.getByRole("button", { name: "Close the terminal in c1" }).click();
  await expect(panel).toHaveCount(0);
});

test.describe("a viewer", () => {
  test.use({ storageState: VIEWER_STORAGE_STATE });
  test("sees no terminal button anywhere", async ({ page }) => {
    const dash = new DashboardPage(page);
    await dash.open();
    await expect(page.getByTestId("read-only-badge")).toBeVisible();
    await expect(dash.node("c1")).toBeVisible();
    await expect(page.locator("[data-testid^='terminal-open-']")).toHaveCount(0);
  });
});
