import { expect, test } from "./support/fixtures";
import { E2E_BASE_URL, E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { labUp } from "./support/lab-api";
import { seedSpecFor } from "./support/lab-specs";
import { DashboardPage } from "./support/dashboard-page";
import { retest, screenshotBothThemes, setTx, waitForPing } from "./support/lab-offload";

/**
 * The seed's evidence on screen, on the real e2e lab: a capture on c1's bridge port shows the
 * unfinished checksums, and "why" on a failing TCP cell names TX checksum offload and fixes it.
 * Independent of order: the lab is brought up again first (idempotent; it repairs a container another spec
 * stopped), c1 and c2 must answer pings, and every test sets offload on in both containers and leaves it so.
 */
const CONTAINER_ENDS = ["c1:eth0", "c2:eth0"];
const c1Port = `host:${E2E_LAB_ID}-c1`;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  await labUp(E2E_BASE_URL, await seedSpecFor(E2E_LAB_ID, E2E_SUBNET));
});
test.beforeEach(async ({ api }) => {
  await waitForPing(api, "c1", "c2");
});
test.beforeEach(async ({ api }) => {
  for (const id of CONTAINER_ENDS) await setTx(api, id, true);
});
test.afterAll(async ({ api }) => {
  for (const id of CONTAINER_ENDS) await setTx(api, id, true);
});

test("a capture on c1's bridge port during a c1->c2 TCP re-test flags the unfinished checksums", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByRole("button", { name: `Show details of interface ${c1Port}` }).click();
  const form = page.getByTestId("capture-form");
  await form.getByLabel("seconds").fill("15");
  await form.getByLabel("protocol").selectOption("tcp");
  await form.getByRole("button", { name: "Start capture" }).click();
  const panel = page.getByTestId("capture-panel");
  await expect(panel.getByTestId("capture-status")).toContainText("capturing");

  await retest(api, "c1", "c2", "tcp");
  const flagged = panel.locator('[data-testid="packet-row"][data-verdict="partial"], [data-testid="packet-row"][data-verdict="incorrect"]');
  await expect(flagged.first()).toBeVisible();
  await expect(flagged.first()).toContainText(/partial: offload pending|incorrect, expected 0x/);
  await expect(panel.getByTestId("pcap-link")).toHaveAttribute("href", /^\/api\/captures\/[0-9a-f-]{36}\/pcap$/);
  await dash.expectCell("tcp", "c1", "c2", "fail");
  await screenshotBothThemes(page, "capture-panel");
  await page.getByRole("button", { name: "Large text for projectors" }).click();
  await dash.screenshot("capture-panel-large-text");
  await page.getByRole("button", { name: "Large text for projectors" }).click();

  await panel.getByRole("button", { name: "Stop" }).click();
  await expect(panel.getByTestId("capture-status")).toContainText("ended: stopped");
  // The download link as the page offers it, fetched with the page's own session.
  const pcap = await page.request.get((await panel.getByTestId("pcap-link").getAttribute("href"))!);
  expect(pcap.headers()["content-type"]).toBe("application/vnd.tcpdump.pcap");
  expect((await pcap.body()).readUInt32LE(0)).toBe(0xa1b2c3d4);
});

test("why on a failing c1->c2 TCP cell names TX checksum offload, and its fix turns the cell green", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await retest(api, "c1", "c2", "tcp");
  await dash.expectCell("tcp", "c1", "c2", "fail");
  const cell = dash.cell("tcp", "c1", "c2");
  await expect(cell).toHaveAttribute("data-explainable", "true");
  await cell.focus();
  await page.keyboard.press("Enter");

  const panel = page.getByTestId("diagnosis-panel");
  await expect(panel.getByTestId("diagnosis-cause")).toHaveAttribute("data-cause", "checksum-offload", { timeout: 20_000 });
  await expect(panel.getByTestId("diagnosis-headline")).toContainText("TX checksum offload on");
  await expect(panel.getByTestId("diagnosis-headline")).toContainText(/checksum 0x[0-9a-f]{4}.*correct value is 0x[0-9a-f]{4}/);
  await expect(panel).toContainText("tx-checksumming on");
  await screenshotBothThemes(page, "diagnosis");

  // The seed's pattern: each container's offload breaks the pairs it is in. The first answer names the
  // end whose packets it saw unfinished; once that is fixed, asking again names the other, until TCP works.
  const fixes = panel.getByRole("button", { name: /^Turn TX checksum offload off on / });
  for (let round = 0; round < 3; round++) {
    await expect(fixes.first()).toBeEnabled();
    for (const fix of await fixes.all()) await fix.click();
    await expect(panel.getByText("applied: re-testing the affected cells").first()).toBeVisible();
    await expect(dash.cell("tcp", "c1", "c2")).toHaveAttribute("data-status", /ok|fail/, { timeout: 20_000 });
    if ((await dash.cell("tcp", "c1", "c2").getAttribute("data-status")) === "ok") break;
    await panel.getByRole("button", { name: "Ask again" }).click();
    await expect(panel.getByTestId("diagnosis-cause")).toHaveAttribute("data-cause", "checksum-offload", { timeout: 20_000 });
  }
  await dash.expectCell("tcp", "c1", "c2", "ok");
  await expect(panel.getByTestId("diagnosis-cell-now")).toHaveAttribute("data-kind", "ok");
  await expect(dash.txBadge("c1:eth0")).toHaveText("TX off");
  await expect(dash.txBadge("c2:eth0")).toHaveText("TX off");
  await dash.screenshot("diagnosis-fixed");
});
