import type { Locator, Page } from "@playwright/test";
import { createApiClient } from "../lib/api-client/api-client";
import { expect, operatorApi, test } from "./support/fixtures";
import { DashboardPage, orderedPairs } from "./support/dashboard-page";
import { E2E_BASE_URL, E2E_LAB_ID, E2E_TOKEN } from "./support/e2e-env";
import { VIEWER_STORAGE_STATE } from "./support/operator-session";

/**
 * The lab editor in the browser: from the e1 dashboard, "New lab" (its own id and /24, so lab e1 is never
 * touched), a bridge and two containers built on the canvas, Apply, and the new lab's page tests every pair.
 */
const LAB = "ed2";
const SUBNET = "10.77.141";
const newLabApi = () => createApiClient({ baseUrl: E2E_BASE_URL, token: E2E_TOKEN, labId: LAB });

/** Brings lab ed2 down and forgets it (a run cut short before may have left it). */
async function closeLab(): Promise<void> {
  const { labs } = await operatorApi().labList();
  if (labs.some((l) => l.labId === LAB)) await operatorApi().labClose({ params: { labId: LAB } });
}

/** A drag on the canvas from one handle to another, as a hand does it (press, move in steps, release). */
async function dragHandle(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

test.beforeAll(closeLab);
test.afterAll(closeLab);

test("build a small lab from an empty canvas with the editor, apply it, and see the matrix fill in", async ({ page }) => {
  test.setTimeout(180_000);
  const e1Before = await operatorApi().topology();
  const dashboard = new DashboardPage(page);
  await dashboard.open();
  await page.getByRole("button", { name: "Edit lab" }).click();
  const toolbar = page.getByRole("toolbar", { name: "Lab editor" });
  // The editor opens on the running lab (e1's spec, read from the server).
  await expect(page.getByTestId("edit-node-c1")).toBeVisible();

  await toolbar.getByRole("button", { name: "New lab" }).click();
  const form = page.getByTestId("new-lab-form");
  await form.getByLabel("Lab id").fill(LAB);
  await expect(form.getByLabel("Bridge name")).toHaveValue(`${LAB}_br`);
  await form.getByLabel("Subnet (/24)").fill(`${SUBNET}.0/24`);
  await form.getByRole("button", { name: "Create" }).click();
  const cards = page.locator('[data-testid^="edit-node-"]');
  await expect(cards).toHaveCount(1);
  await expect(page.getByTestId(`edit-node-${LAB}_br`)).toContainText(`host ${SUBNET}.1/24`);
  await dashboard.screenshot("lab-editor-1-empty-canvas");

  // Two containers from the palette: the next free names and addresses.
  await toolbar.getByRole("button", { name: "+ Container" }).click();
  await toolbar.getByRole("button", { name: "+ Container" }).click();
  await expect(page.getByTestId("edit-node-c1")).toContainText(`${SUBNET}.2/24`);
  await expect(page.getByTestId("edit-node-c2")).toContainText(`${SUBNET}.3/24`);

  // A second bridge; c2 dragged onto it and back (React Flow's onConnect), then the bridge deleted with the Delete key.
  await toolbar.getByRole("button", { name: "+ Bridge" }).click();
  await expect(page.getByTestId(`edit-node-${LAB}_br2`)).toBeVisible();
  await dragHandle(page, page.getByTestId("handle-port-c2"), page.getByTestId(`handle-ports-${LAB}_br2`));
  await expect(page.getByRole("heading", { name: `Port of c2 on ${LAB}_br2` })).toBeVisible();
  await dragHandle(page, page.getByTestId("handle-port-c2"), page.getByTestId(`handle-ports-${LAB}_br`));
  await expect(page.getByRole("heading", { name: `Port of c2 on ${LAB}_br` })).toBeVisible();
  await page.getByTestId(`edit-node-${LAB}_br2`).click();
  await page.keyboard.press("Delete");
  await expect(cards).toHaveCount(3);

  // Properties in the side panel: an error shows on its field (and on the card), then is fixed.
  await page.getByTestId("edit-node-c1").click();
  const vlan = page.getByTestId("endpoint-vlan");
  await vlan.fill("5000");
  await vlan.press("Enter");
  await expect(page.getByTestId("endpoint-form").getByRole("alert").first()).toContainText("a VLAN id from 1 to 4094");
  await expect(page.getByTestId("edit-node-c1").getByTestId("node-errors")).toContainText("vlan");
  await expect(toolbar.getByRole("button", { name: "Apply" })).toBeDisabled();
  await dashboard.screenshot("lab-editor-2-error-on-field");
  await vlan.fill("");
  await vlan.press("Enter");
  await expect(toolbar.getByRole("button", { name: "Apply" })).toBeEnabled();
  // TX checksum offload off in both containers (the seed's fix): every TCP and UDP pair should pass.
  await page.getByLabel("c1 tx offload").selectOption("off");
  await page.getByTestId("edit-node-c2").click();
  await page.getByLabel("c2 tx offload").selectOption("off");
  await dashboard.screenshot("lab-editor-3-built");

  await toolbar.getByRole("button", { name: "Apply" }).click();
  const apply = page.getByTestId("apply-panel");
  await expect(apply).toContainText("a new lab");
  await apply.getByRole("button", { name: "Apply now" }).click();
  // The lab comes up under its own id and its page opens, where every pair is tested.
  await page.waitForURL(`**/labs/${LAB}`, { timeout: 90_000 });
  const cells = orderedPairs(["host", "c1", "c2"]).flatMap(([from, to]) => (["icmp", "tcp", "udp"] as const).map((protocol) => ({ protocol, from, to })));
  // The matrix fills in: every cell gets a result.
  for (const c of cells) await expect(dashboard.cell(c.protocol, c.from, c.to)).toHaveAttribute("data-status", /^(ok|fail)$/, { timeout: 60_000 });
  const failed: string[] = [];
  for (const c of cells) if ((await dashboard.cell(c.protocol, c.from, c.to).getAttribute("data-status")) !== "ok") failed.push(`${c.protocol} ${c.from}>${c.to}`);
  if (failed.length) {
    // A probe can time out while this 2-core machine is loaded (another build, another lab): one run again, and then every cell must pass.
    test.info().annotations.push({ type: "re-run", description: `failed on the first run: ${failed.join(", ")}` });
    console.log(`lab-editor: re-run after ${failed.join(", ")} failed on the first run`);
    await dashboard.runTests();
  }
  for (const c of cells) await dashboard.expectCell(c.protocol, c.from, c.to, "ok", 60_000);
  await dashboard.screenshot("lab-editor-4-applied-matrix");

  const topology = await newLabApi().topology();
  expect(topology.endpoints.filter((e) => e.state === "running").map((e) => e.name).sort()).toEqual(["c1", "c2", "host"]);
  const spec = await newLabApi().labSpec();
  expect(spec.spec.bridge).toMatchObject({ name: `${LAB}_br`, address: `${SUBNET}.1/24` });
  // Lab e1, which the other specs use, is as it was.
  const e1After = await operatorApi().topology();
  expect(e1After.labId).toBe(E2E_LAB_ID);
  expect(e1After.endpoints.map((e) => `${e.name}:${e.state}`)).toEqual(e1Before.endpoints.map((e) => `${e.name}:${e.state}`));
});

test.describe("a viewer", () => {
  test.use({ storageState: VIEWER_STORAGE_STATE });
  test("never sees the editor", async ({ page }) => {
    const dashboard = new DashboardPage(page);
    await dashboard.open();
    await expect(page.getByTestId("read-only-badge")).toBeVisible();
    await expect(page.getByTestId(`node-${E2E_LAB_ID}_br`).or(page.getByTestId("node-c1")).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Edit lab" })).toHaveCount(0);
    await expect(page.getByTestId("lab-editor")).toHaveCount(0);
  });
});
