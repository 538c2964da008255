import { expect, test } from "./support/fixtures";
import { E2E_BASE_URL, E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { labUp } from "./support/lab-api";
import { seedSpecFor } from "./support/lab-specs";
import { DashboardPage } from "./support/dashboard-page";
import { retest, setTx, waitForPing } from "./support/lab-offload";

/**
 * "Explain path" on a failing cell of the real e2e lab: the seed's c1->c2 TCP fails (c1's TX offload),
 * the path panel lists the hops and the graph marks c2's card, where the checksum was refused.
 */
test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  await labUp(E2E_BASE_URL, await seedSpecFor(E2E_LAB_ID, E2E_SUBNET));
});
test.beforeEach(async ({ api }) => {
  await waitForPing(api, "c1", "c2");
  for (const id of ["c1:eth0", "c2:eth0"]) await setTx(api, id, true);
});

test("explain the path of a failing TCP cell: hops listed, the receiver's card marked with the reason", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await retest(api, "c1", "c2", "tcp");
  await dash.expectCell("tcp", "c1", "c2", "fail");
  await dash.cell("tcp", "c1", "c2").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("diagnosis-panel").getByRole("button", { name: "Explain path" }).click();

  const panel = page.getByTestId("path-panel");
  await expect(panel.getByTestId("path-headline")).toHaveAttribute("data-death", "checksum-refused", { timeout: 20_000 });
  await expect(panel.getByTestId("path-headline")).toContainText("dies at c2:eth0");
  const hops = panel.getByTestId("path-hop");
  await expect(hops).toHaveCount(5);
  await expect(hops.nth(1)).toContainText(`${E2E_LAB_ID}-c1 (port of ${E2E_LAB_ID}_br)`);
  await expect(hops.nth(1)).toContainText(/rx \+\d+/);
  await expect(hops.nth(4)).toHaveAttribute("data-dead", "true");
  await expect(panel.getByRole("button", { name: "Turn TX checksum offload off on c1:eth0" })).toBeEnabled();

  const marker = page.getByTestId("path-dead-marker");
  await expect(marker).toBeVisible();
  await expect(marker).toHaveAttribute("data-node", "endpoint:c2");
  await expect(marker).toContainText("c2's kernel refused the packet");
  await expect(page.locator('.react-flow__node.lab-dead[data-id="endpoint:c2"]')).toHaveCount(1);
  await expect(page.locator('.react-flow__node.lab-highlight[data-id="endpoint:c1"]')).toHaveCount(1);
  await dash.screenshot("path-explain");
});
