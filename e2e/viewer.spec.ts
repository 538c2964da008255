import { expect, test } from "./support/fixtures";
import { DashboardPage, orderedPairs, SEED_NAMES } from "./support/dashboard-page";
import { E2E_TOKEN, SCREENSHOT_DIR } from "./support/e2e-env";
import { operatorStorageState, VIEWER_STORAGE_STATE } from "./support/operator-session";
import { PROTOCOLS } from "../lib/contracts/matrix";

// These pages start without the operator's cookie: what a student who opens the address sees.
test.use({ storageState: VIEWER_STORAGE_STATE });

/**
 * Buttons a viewer may press: they change the page, never the lab (Refresh reads a rule list again, grid and
 * heatmap switch the matrix's view, Detach and Follow the presenter switch following the presenter).
 */
const HARMLESS = /^(Dark theme|Large text for projectors|Close.*|Show details of interface .*|[a-z][a-z0-9]*:[A-Za-z0-9_.-]+|Zoom In|Zoom Out|Fit View|Toggle Interactivity|Refresh|grid|heatmap|Detach|Follow the presenter)$/i;

test("the operator link logs in, leaves no token in the address bar, and the operator can log out", async ({ page, context }) => {
  await page.goto(`/?token=${encodeURIComponent(E2E_TOKEN)}`);
  await page.waitForURL((url) => !url.search.includes("token"));
  await expect(page.getByTestId("operator-badge")).toBeVisible();
  expect(page.url()).not.toContain("token");
  // The page with the token was replaced, not pushed: going back does not show it again.
  expect(await page.evaluate(() => history.length)).toBeLessThanOrEqual(2);
  expect(page.url()).toMatch(/\/$/);
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: "ovslab_operator", httpOnly: true, sameSite: "Strict" });
  expect(cookie.value).not.toBe(E2E_TOKEN);
  await expect(page.getByRole("button", { name: "Run tests" })).toBeEnabled();
  await page.getByTestId("operator-badge").getByRole("button", { name: "Log out" }).click();
  await expect(page.getByTestId("read-only-badge")).toBeVisible();
  expect(await context.cookies()).toEqual([]);
});

test("a wrong operator link is refused with a page that says what to do", async ({ page }) => {
  const res = await page.goto("/?token=not-the-token");
  expect(res?.status()).toBe(403);
  await expect(page.getByText("npm run up")).toBeVisible();
});

test("a viewer watches the matrix fill in while the operator runs it from another page, and can change nothing", async ({ page, browser }) => {
  const viewer = new DashboardPage(page);
  await viewer.open();
  await expect(page.getByTestId("read-only-badge")).toHaveText("viewer · read-only");
  await expect(viewer.node("c1")).toBeVisible();

  // Every enabled button on the viewer's page is a harmless one; the changing ones are disabled or absent.
  await expect(viewer.txBadge("c1:eth0")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Run tests" })).toBeDisabled();
  await expect(page.getByTestId("viewer-reason").first()).toContainText("only the operator can change the lab");
  for (const absent of ["Save snapshot", "Import snapshot file…", "Start capture"]) await expect(page.getByRole("button", { name: absent })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Snapshots" })).toHaveCount(0);
  await viewer.node("c1").getByRole("button").first().click();
  await expect(page.getByRole("button", { name: "Start capture" })).toHaveCount(0);
  const enabled = await page.getByRole("button").evaluateAll((buttons) =>
    buttons.filter((b) => !(b as HTMLButtonElement).disabled).map((b) => b.getAttribute("aria-label") ?? b.textContent?.trim() ?? ""),
  );
  const changing = enabled.filter((name) => !HARMLESS.test(name));
  expect(changing).toEqual([]);

  // The operator, on a page of their own, runs the tests; the viewer's cells fill in live.
  const operatorContext = await browser.newContext({ storageState: operatorStorageState() });
  const operatorPage = await operatorContext.newPage();
  try {
    const operator = new DashboardPage(operatorPage);
    await operator.open();
    await expect(operatorPage.getByTestId("operator-badge")).toBeVisible();
    await operator.runTests();
    for (const protocol of PROTOCOLS)
      for (const [from, to] of orderedPairs(SEED_NAMES)) await expect(viewer.cell(protocol, from, to)).toHaveAttribute("data-status", /^(ok|fail)$/, { timeout: 20_000 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/viewer-watching.png`, fullPage: true });
  } finally {
    await operatorContext.close();
  }
});

test("the server refuses a change a viewer's page sends by hand over the socket", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("read-only-badge")).toBeVisible();
  const refused = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://${location.host}/socket.io/?EIO=4&transport=websocket`);
        ws.onmessage = (m) => {
          const text = String(m.data);
          if (text.startsWith("0")) ws.send("40");
          else if (text.startsWith("40")) ws.send('421["offload:set",{"interfaceId":"c1:eth0","changes":{"tx":false}}]');
          else if (text.startsWith("431")) resolve(text);
        };
      }),
  );
  expect(refused).toContain('"ok":false');
  expect(refused).toContain('"status":401');
  const status = await page.evaluate(() =>
    fetch("/api/interfaces/c1:eth0/offload", { method: "POST", headers: { "content-type": "application/json" }, body: '{"tx":false}' }).then((r) => r.status),
  );
  expect(status).toBe(401);
});

test("the operator's own viewer link (?view=viewer) shows what the class sees", async ({ browser }) => {
  const context = await browser.newContext({ storageState: operatorStorageState() });
  const page = await context.newPage();
  try {
    await page.goto("/?view=viewer");
    await expect(page.getByTestId("read-only-badge")).toBeVisible();
    await expect(new DashboardPage(page).txBadge("c1:eth0")).toBeDisabled();
  } finally {
    await context.close();
  }
});
