import { expect, test } from "./support/fixtures";
import { E2E_LAB_ID, E2E_PORT } from "./support/e2e-env";
import { DashboardPage } from "./support/dashboard-page";
import { ServerProcess } from "./support/server-process";

const server = new ServerProcess(E2E_LAB_ID, E2E_PORT + 1);

test.beforeAll(() => server.start());
test.afterAll(() => server.stop());

test("a server restart shows the reconnecting banner, then the page resynchronises", async ({ page }) => {
  const dash = new DashboardPage(page);
  await page.goto(server.url);
  await expect(dash.node("c1")).toBeVisible();
  await expect(page.getByTestId("connection-banner")).toHaveCount(0);
  await server.stop();
  await expect(page.getByTestId("connection-banner")).toContainText("reconnecting");
  await server.start();
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 20_000 });
  await expect(dash.node("c1")).toBeVisible();
  await expect(dash.node("server")).toHaveAttribute("data-state", "running");
});
