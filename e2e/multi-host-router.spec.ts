import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createApiClient } from "../lib/api-client/api-client";
import { parseLabYaml } from "../server/lab/templates";
import { expect, test } from "./support/fixtures";
import { gotoAfterLabUp } from "./support/goto-after-lab-up";
import { DashboardPage } from "./support/dashboard-page";
import { E2E_BASE_URL, E2E_TOKEN, SCREENSHOT_DIR } from "./support/e2e-env";
import { waitForPing } from "./support/lab-offload";

/**
 * labs/two-networks-ovn.yaml as a second lab on the e2e server (lab mre, networks 10.77.235.0/24 and
 * 10.77.236.0/24, underlay 10.77.237.0/24): two networks over two hosts joined by an OVN logical router.
 * The graph's caption names the router and each network; a run shows the seed's table across the router.
 */
const LAB = "mre";
const spec = parseLabYaml(
  readFileSync("labs/two-networks-ovn.yaml", "utf8").replace(/^id: twon$/m, `id: ${LAB}`).replaceAll("10.55.69.", "10.77.237.").replaceAll("10.55.70.", "10.77.235.").replaceAll("10.55.71.", "10.77.236."),
  "labs/two-networks-ovn.yaml",
);
const api = createApiClient({ baseUrl: E2E_BASE_URL, token: E2E_TOKEN, labId: LAB });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await api.labUp({ body: { spec }, timeoutMs: 240_000 });
  await waitForPing(api, "c1", "c3", 60_000);
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await api.labClose({ params: { labId: LAB }, timeoutMs: 180_000 }).catch((err: Error) => console.warn(`[router e2e] lab close: ${err.message}`));
  expect(execFileSync("ovn-nbctl", ["show"], { encoding: "utf8" })).not.toContain(`ovslab-${LAB}`);
});

test("two networks joined by an OVN router: the caption names it and both networks; a run fails TCP across the router for the offloading containers", async ({ page }) => {
  test.setTimeout(120_000);
  const dash = new DashboardPage(page);
  await gotoAfterLabUp(page, `/labs/${LAB}`);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId("graph-caption")).toHaveText(
    `OVN logical router ovslab-${LAB}-router joining ovslab-${LAB} (10.77.235.0/24, gateway 10.77.235.1) and ovslab-${LAB}-net2 (10.77.236.0/24, gateway 10.77.236.1) over 2 hosts (Geneve)`,
  );
  for (const name of ["c1", "c2", "c3", "server"]) await expect(dash.node(name)).toBeVisible();
  await expect(page.getByTestId("host-panel")).toContainText(`router ovslab-${LAB}-router`);
  await dash.runTests();
  // c1 (10.77.235.8, host a) to the server (10.77.236.10, host a, another network): ICMP crosses the router, TCP dies.
  await dash.expectCell("icmp", "c1", "server", "ok", 30_000);
  await dash.expectCell("tcp", "c1", "server", "fail", 30_000);
  await dash.expectCell("icmp", "c2", "c3", "ok", 30_000);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-host-router.png`, fullPage: true });
});
