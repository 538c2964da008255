import { DashboardPage } from "./support/dashboard-page";
import { expect, test } from "./support/fixtures";

/**
 * The link impairment form in the endpoint's panel, on the real seed lab: set a delay on c2's link,
 * see which engine makes it (the relay, on a kernel without netem), see it in the matrix, clear it.
 */
test("an operator delays c2's link from the page and clears it", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  await page.getByRole("button", { name: "Show details of interface c2:eth0" }).click();
  const form = page.getByTestId("impairment-editor");
  await expect(form).toContainText("Link impairment of c2");
  await expect(form.getByTestId("impairment-now")).toHaveText("none: a plain link");
  // Checked in the page by the server's own schema, which loads with the first apply.
  await form.getByLabel("rate (kbit/s)").fill("7");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(form.getByRole("status")).toHaveText(/rateKbit: at least 8 kbit\/s/);
  await form.getByLabel("rate (kbit/s)").fill("");
  await form.getByLabel("delay (ms)").fill("100");
  await form.getByRole("button", { name: "Apply" }).click();
  const engine = (await api.impairmentList()).support.netem ? "netem" : "relay \\(this kernel has no netem\\)";
  await expect(form.getByRole("status")).toHaveText(new RegExp(`now: 100 ms delay via ${engine}`));
  await expect(form.getByTestId("impairment-now")).toContainText("100 ms delay via");
  const run = await api.matrixRun({ body: { protocols: ["icmp"], pairs: [["c1", "c2"]], timeoutMs: 2000 } });
  expect(run.results[0].rttMs ?? 0).toBeGreaterThanOrEqual(100);
  await form.scrollIntoViewIfNeeded();
  await dash.screenshot("impairment-form");
  await form.getByRole("button", { name: "Clear" }).click();
  await expect(form.getByRole("status")).toHaveText("c2's link is plain again");
  await expect(form.getByTestId("impairment-now")).toHaveText("none: a plain link");
  expect((await api.impairmentList()).links).toEqual([]);
});

test("a viewer sees the form disabled, with the reason", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/?view=viewer");
  await page.getByRole("button", { name: "Show details of interface c2:eth0" }).click();
  const form = page.getByTestId("impairment-editor");
  await expect(form.getByRole("button", { name: "Apply" })).toBeDisabled();
  await expect(form.getByLabel("delay (ms)")).toHaveAttribute("title", /viewer/);
  await context.close();
});
