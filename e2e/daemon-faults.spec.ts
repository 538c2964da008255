import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { PROTOCOLS } from "../lib/contracts/matrix";
import type { DaemonName } from "../lib/contracts/daemon-health";
import { DashboardPage, orderedPairs } from "./support/dashboard-page";
import { startPrivateLabServer, type PrivateLabServer } from "./support/private-lab-server";

/**
 * Issue 9, as a person sees it: a daemon dies under an open dashboard; the page names it in a banner and
 * the matrix says why nothing passes; the operator presses "Start it again" and the page comes back to
 * a right graph and a green matrix, all without a reload. The daemons are the spec's own (a private
 * ovsdb-server + plain ovs-vswitchd in a namespace of their own, and a private dockerd), never the
 * main ones. Lab fb on 10.77.155.0/24 (host, c1, c2; no DPDK port: the private switch is the plain
 * build), server on port 3330, its namespace joined to the host by 10.77.159.0/30.
 */
const NAMES = ["host", "c1", "c2"] as const;
const BRIDGE = "fb_br";
let lab: PrivateLabServer | undefined;

test.describe.configure({ mode: "serial", timeout: 60_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  lab = await startPrivateLabServer({ labId: "fb", subnet24: "10.77.155", port: 3330, link: { hostCidr: "10.77.159.1/30", nsCidr: "10.77.159.2/30" } });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await lab?.stop();
});

// eslint-disable-next-line no-empty-pattern -- Playwright reads the hook's fixtures from this pattern
test.afterEach(async ({}, testInfo) => {
  if (!lab) return;
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("server-log", { body: lab.log().slice(-20_000), contentType: "text/plain" });
  // A case that failed half-way leaves its switch down: the next one starts with the pair up.
  for (const d of [lab.daemons.ovsdb, lab.daemons.vswitchd]) if (!(await d.pid())) await d.start();
});

/** Opens the dashboard once and marks the document: the mark is gone if anything reloads the page. */
async function openOnce(page: Page): Promise<DashboardPage> {
  const dash = new DashboardPage(page);
  await page.goto(lab!.url);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 20_000 });
  await page.evaluate(() => ((window as unknown as { ovslabNoReload?: boolean }).ovslabNoReload = true));
  return dash;
}

const stillTheSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { ovslabNoReload?: boolean }).ovslabNoReload === true);

/** The graph as the lab is: the bridge, the host and both containers running with their addresses. */
async function expectGraphRight(dash: DashboardPage): Promise<void> {
  await expect(dash.node(BRIDGE)).toBeVisible();
  await expect(dash.node("host")).toBeVisible();
  for (const [name, address] of [["c1", "10.77.155.11"], ["c2", "10.77.155.12"]]) {
    await expect(dash.node(name)).toHaveAttribute("data-state", "running", { timeout: 15_000 });
    await expect(dash.node(name)).toContainText(address);
  }
}

/** Presses "Run tests" and waits until every cell is green (offload is off everywhere in this lab). */
async function expectMatrixGreen(dash: DashboardPage, cellTimeout = 15_000): Promise<void> {
  await dash.runTests();
  for (const protocol of PROTOCOLS) for (const [from, to] of orderedPairs(NAMES)) await dash.expectCell(protocol, from, to, "ok", cellTimeout);
}

/**
 * Presses "Run tests" while the switch is down: every cell fails at once saying switch-down, offers no
 * "Why did it fail?" (the cause is known) and carries the server's words on hover.
 */
async function expectMatrixSaysSwitchDown(dash: DashboardPage, daemon: DaemonName): Promise<void> {
  await dash.runTests();
  for (const protocol of PROTOCOLS)
    for (const [from, to] of orderedPairs(NAMES)) {
      const cell = dash.cell(protocol, from, to);
      await dash.expectCell(protocol, from, to, "fail", 5_000);
      await expect(cell).toHaveText("switch-down");
      await expect(cell).toHaveAttribute("data-explainable", "false");
      await expect(cell).toHaveAttribute("title", new RegExp(`^${daemon} is down since .*start it again`));
    }
}

async function expectBannerNames(page: Page, daemon: DaemonName): Promise<void> {
  const banner = page.getByTestId("daemon-banner");
  await expect(banner).toBeVisible({ timeout: 8_000 });
  await expect(banner.getByTestId(`daemon-down-${daemon}`)).toContainText(`${daemon} is down`);
  await expect(banner.getByTestId(`daemon-down-${daemon}`).getByRole("button", { name: "Start it again" })).toBeEnabled();
}

/** The operator's button; the banner goes once the server sees the daemon answer again. */
async function startAgainFromThePage(page: Page, daemon: DaemonName): Promise<void> {
  await page.getByTestId(`daemon-down-${daemon}`).getByRole("button", { name: "Start it again" }).click();
  await expect(page.getByTestId("daemon-banner")).toHaveCount(0, { timeout: 30_000 });
}

test("ovs-vswitchd killed: the banner names it, cells say switch-down; Start it again brings the page back without a reload", async ({ page }) => {
  const dash = await openOnce(page);
  await expectGraphRight(dash);
  await expectMatrixGreen(dash);

  await lab!.daemons.vswitchd.kill("SIGKILL");
  await expectBannerNames(page, "ovs-vswitchd");
  await expectMatrixSaysSwitchDown(dash, "ovs-vswitchd");
  await dash.screenshot("daemon-banner-vswitchd-down");

  await startAgainFromThePage(page, "ovs-vswitchd");
  expect(await lab!.daemons.vswitchd.pid(), "the server started ovs-vswitchd again").not.toBeNull();
  await expectGraphRight(dash);
  await expect(async () => expectMatrixGreen(dash, 5_000)).toPass({ timeout: 20_000, intervals: [500, 1000] });
  await dash.screenshot("daemon-banner-vswitchd-back");
  expect(await stillTheSameDocument(page), "the page was never reloaded").toBe(true);
});

test("dockerd stopped: the banner names it, the containers show stopped and a run says why; Start it again brings them back without a reload", async ({ page }) => {
  const dash = await openOnce(page);
  await expectGraphRight(dash);

  // SIGTERM: dockerd stops the lab's containers on its way out, so no container is left to test.
  await lab!.daemons.dockerd.kill("SIGTERM");
  await expectBannerNames(page, "dockerd");
  for (const name of ["c1", "c2"]) await expect(dash.node(name)).not.toHaveAttribute("data-state", "running");
  await dash.runTests();
  await expect(page.getByText("tests did not start: dockerd is down, so lab fb has no endpoint to test")).toBeVisible();
  await dash.screenshot("daemon-banner-dockerd-down");

  await startAgainFromThePage(page, "dockerd");
  await expectGraphRight(dash);
  await expect(page.getByText(/tests did not start/)).toHaveCount(0);
  await expect(async () => expectMatrixGreen(dash, 5_000)).toPass({ timeout: 20_000, intervals: [500, 1000] });
  await dash.screenshot("daemon-banner-dockerd-back");
  expect(await stillTheSameDocument(page), "the page was never reloaded").toBe(true);
});
