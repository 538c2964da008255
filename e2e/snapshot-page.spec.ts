import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";

/**
 * The read-only page /s/<id> of a snapshot whose lab (s2, recorded on a real host) is not running
 * here: everything it shows comes from the stored snapshot, nothing from a live lab.
 */
const FIXTURE = path.join(import.meta.dirname, "../lib/snapshots/fixtures/seed-snapshot-v1.json");
let id = "";

test.beforeAll(async ({ api }) => {
  id = (await api.snapshotImport({ rawBody: readFileSync(FIXTURE, "utf8") })).id;
});

test.afterAll(async ({ api }) => {
  if (id) await api.snapshotDelete({ params: { id } });
});

test("a snapshot's page shows its graph, saved matrix and host facts without its lab", async ({ page }) => {
  await page.goto(`/s/${id}`);
  const view = page.getByTestId("snapshot-view");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("seed lab (recorded)");
  await expect(view).toContainText("Snapshot of lab s2");
  for (const name of ["c1", "c2", "s2_br", "s2_dpdk0", "server"]) await expect(view.locator(".react-flow__node", { hasText: name }).first()).toBeVisible();
  await expect(page.getByTestId("cell-tcp-c1-host")).toHaveAttribute("data-result", "fail");
  await expect(page.getByTestId("cell-tcp-host-server")).toHaveAttribute("data-result", "ok");
  await expect(page.getByTestId("cell-icmp-c1-c2")).toHaveAttribute("data-result", "ok");
  await expect(page.getByTestId("host-panel")).toContainText("3.1.0");
});

test("an unknown id answers 404 with a page that says what to check", async ({ page }) => {
  const res = await page.goto("/s/AAAAAAAAAAAAAAAAAAAAAA");
  expect(res?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toContainText("There is no page or snapshot at this address");
});
