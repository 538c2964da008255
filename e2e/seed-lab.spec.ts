import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./support/fixtures";
import { PROTOCOLS } from "../lib/contracts/matrix";
import { labNames } from "../lib/lab-spec/names";
import { E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { DashboardPage, SEED_NAMES, orderedPairs, seedExpectation } from "./support/dashboard-page";

const run = promisify(execFile);
const bridge = `${E2E_LAB_ID}_br`;
const dpdkPort = `${E2E_LAB_ID}_dpdk0`;

test.describe.configure({ mode: "serial" });

test("draws the seed lab: c1, c2, the bridge, the DPDK port and the server", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  for (const name of ["c1", "c2", bridge, dpdkPort, "server", "host"]) await expect(dash.node(name)).toBeVisible();
  await expect(dash.node("c1")).toContainText(`${E2E_SUBNET}.8`);
  await expect(dash.node(dpdkPort)).toContainText("link up");
  await expect(dash.txBadge("c1:eth0")).toHaveText("TX on");
  await expect(dash.txBadge("server:eth0")).toHaveText("TX off");
  await expect(page.getByTestId("host-panel")).toContainText("kernel datapath");
  await dash.screenshot("seed-graph");
});

test("the dashboard's first load carries no schema library: request schemas load with the forms that use them", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  const scripts = await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => (r as PerformanceResourceTiming).initiatorType === "script").map((r) => r.name));
  expect(scripts.length).toBeGreaterThan(3);
  // zod names its error class in a string that minification keeps.
  const withZod = [];
  for (const url of scripts) if ((await (await page.request.get(url)).text()).includes("ZodError")) withZod.push(url);
  expect(withZod).toEqual([]);
});

test("a run fills the matrix with the seed's table, and offload off on c1 and c2 turns TCP/UDP green", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await dash.runTests();
  for (const protocol of PROTOCOLS)
    for (const [from, to] of orderedPairs(SEED_NAMES)) await dash.expectCell(protocol, from, to, seedExpectation(protocol, from, to, false));
  await expect(page.getByTestId("matrix-progress")).toContainText("idle");

  await dash.cell("tcp", "c1", "server").hover();
  await expect(dash.node(dpdkPort).locator("xpath=..")).toHaveClass(/lab-highlight/);
  await expect(dash.node("c2").locator("xpath=..")).not.toHaveClass(/lab-highlight/);
  await dash.screenshot("seed-before-toggles");
  await page.mouse.move(0, 0);

  await dash.txBadge("c1:eth0").click();
  await expect(dash.txBadge("c1:eth0")).toHaveText("TX off");
  await dash.expectCell("tcp", "c1", "server", "ok");
  await dash.expectCell("tcp", "c1", "c2", "fail");
  await dash.txBadge("c2:eth0").click();
  await expect(dash.txBadge("c2:eth0")).toHaveText("TX off");
  for (const protocol of PROTOCOLS) for (const [from, to] of orderedPairs(SEED_NAMES)) await dash.expectCell(protocol, from, to, "ok");
  await expect(page.getByTestId("offload-panel")).toContainText("c2:eth0");
  await dash.screenshot("seed-after-toggles");
});

test("a container stopped with the docker CLI greys out without a reload", async ({ page }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await expect(dash.node("c2")).toHaveAttribute("data-state", "running");
  await run("docker", ["stop", "-t", "1", labNames.container(E2E_LAB_ID, "c2")]);
  await expect(dash.node("c2")).toHaveAttribute("data-state", "stopped", { timeout: 5_000 });
  await expect(dash.node("c1")).toHaveAttribute("data-state", "running");
  await dash.screenshot("seed-c2-stopped");
});
