import { expect, type Locator, type Page } from "@playwright/test";
import type { ApiClient } from "../../lib/api-client/api-client";
import { SCREENSHOT_DIR } from "./e2e-env";

/** The snapshot UI as a test sees it: the save dialog, the list and its rows, the import control. */
export class SnapshotPages {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByTestId("save-snapshot-dialog");
  }

  /** Saves from the dashboard's dialog and answers the new id, read from the share link. */
  async saveFromDashboard(title: string, description: string): Promise<string> {
    await this.page.getByRole("button", { name: "Save snapshot" }).click();
    await this.dialog.getByLabel("Title").fill(title);
    await this.dialog.getByLabel("Description").fill(description);
    await this.dialog.getByRole("button", { name: "Save", exact: true }).click();
    const link = this.dialog.getByLabel(/Read-only link/);
    await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
    return (await link.inputValue()).split("/s/")[1];
  }

  row(id: string): Locator {
    return this.page.getByTestId(`snapshot-row-${id}`);
  }

  importInput(): Locator {
    return this.page.getByTestId("import-snapshot").locator('input[type="file"]');
  }

  async importFile(name: string, text: string): Promise<void> {
    await this.importInput().setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  }

  /** The open save dialog in both themes: closed to flip the page's theme switch, then opened again (it keeps the share link). */
  async screenshotBothThemes(name: string): Promise<void> {
    const toggle = this.page.getByRole("button", { name: "Dark theme" });
    const shoot = async () => {
      const dark = (await toggle.getAttribute("aria-pressed")) === "true";
      await this.page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${dark ? "dark" : "light"}.png`, fullPage: true });
    };
    const flipTheme = async () => {
      await this.dialog.getByRole("button", { name: "Close" }).click();
      await toggle.click();
      await this.page.getByRole("button", { name: "Save snapshot" }).click();
      await expect(this.dialog.getByTestId("share-link")).toBeVisible();
    };
    await shoot();
    await flipTheme();
    await shoot();
    await flipTheme();
  }
}

/** Deletes what a spec saved; a snapshot already gone is fine. */
export async function deleteSnapshots(api: ApiClient, ids: Iterable<string>): Promise<void> {
  for (const id of ids) {
    const res = await api.response("snapshotDelete", { params: { id } });
    expect([200, 404]).toContain(res.status);
  }
}

/** Where React Flow drew a card: its translate(x, y), which is the node's position. */
export async function nodePosition(scope: Locator, nodeId: string): Promise<{ x: number; y: number }> {
  const transform = await scope.locator(`.react-flow__node[data-id="${nodeId}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const m = /translate\(([-\d.]+)px,\s*([-\d.]+)px\)/.exec(transform);
  if (!m) throw new Error(`no translate in "${transform}"`);
  return { x: Number(m[1]), y: Number(m[2]) };
}
