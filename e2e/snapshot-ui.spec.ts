import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./support/fixtures";
import { DashboardPage } from "./support/dashboard-page";
import { E2E_BASE_URL, E2E_LAB_ID, E2E_SUBNET } from "./support/e2e-env";
import { labDown, labUp } from "./support/lab-api";
import { seedSpecFor } from "./support/lab-specs";
import { screenshotBothThemes, setTx } from "./support/lab-offload";
import { SnapshotPages, deleteSnapshots, nodePosition } from "./support/snapshot-pages";

/**
 * Snapshots from the UI, on the real e2e lab: save from the dashboard (with a dragged card), open the
 * read-only link, save again with c1's TX offload off, compare the two, import a broken file, delete,
 * restore. Every snapshot made here is deleted after, and c1's offload is left on as it was found.
 */
const FIXTURE = readFileSync(path.join(import.meta.dirname, "../lib/snapshots/fixtures/seed-snapshot-v1.json"), "utf8");
const TAG = `ui-${Date.now().toString(36)}`;
const made = new Set<string>();
const ids: { before?: string; after?: string } = {};

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ api }) => {
  test.setTimeout(120_000);
  // An earlier spec may have stopped a container (seed-lab stops c2): then the seed lab is built afresh.
  const { endpoints } = await api.topology();
  if (endpoints.some((e) => e.state !== "running")) {
    await labDown(E2E_BASE_URL);
    await labUp(E2E_BASE_URL, await seedSpecFor(E2E_LAB_ID, E2E_SUBNET));
  }
  await setTx(api, "c1:eth0", true);
  // A full run to save; a container just started again may take a moment to answer (probe agent, ARP).
  await expect(async () => {
    const { results } = await api.matrixRun({ body: { timeoutMs: 300 } });
    expect(results.filter((r) => r.protocol === "icmp" && !r.ok)).toEqual([]);
  }).toPass({ timeout: 30_000, intervals: [1_000] });
});

test.afterAll(async ({ api }) => {
  await setTx(api, "c1:eth0", true);
  await deleteSnapshots(api, made);
});

test("save from the dashboard keeps the dragged layout; its link opens the read-only view of c1, c2 and the matrix", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  const ui = new SnapshotPages(page);
  await dash.open();
  const card = await dash.node("c1").boundingBox();
  expect(card).not.toBeNull();
  await page.mouse.move(card!.x + 24, card!.y + 12);
  await page.mouse.down();
  await page.mouse.move(card!.x - 36, card!.y + 40, { steps: 8 });
  await page.mouse.up();

  ids.before = await ui.saveFromDashboard(`${TAG} offload on`, "c1 and c2 with TX checksum offload on: TCP/UDP fail");
  made.add(ids.before);
  await expect(ui.dialog.getByRole("link", { name: "Export file" })).toHaveAttribute("href", `/api/snapshots/${ids.before}/export`);
  await ui.screenshotBothThemes("snapshot-save-dialog");

  const saved = await api.snapshotGet({ params: { id: ids.before } });
  const moved = saved.layout["endpoint:c1"];
  expect(moved, JSON.stringify(saved.layout)).toBeDefined();

  await ui.dialog.getByTestId("open-snapshot").click();
  await expect(page).toHaveURL(new RegExp(`/s/${ids.before}$`));
  const view = page.getByTestId("snapshot-view");
  await expect(view.getByRole("heading", { level: 1 })).toHaveText(`${TAG} offload on`);
  for (const name of ["c1", "c2", "server"]) await expect(view.getByTestId(`node-${name}`)).toBeVisible();
  const drawn = await nodePosition(view, "endpoint:c1");
  expect(drawn.x).toBeCloseTo(moved.x, 2);
  expect(drawn.y).toBeCloseTo(moved.y, 2);
  await expect(page.getByTestId("cell-tcp-c1-c2")).toHaveAttribute("data-result", "fail");
  await expect(page.getByTestId("cell-icmp-c1-c2")).toHaveAttribute("data-result", "ok");
  await expect(page.getByTestId("cell-tcp-host-server")).toHaveAttribute("data-result", "ok");
  await screenshotBothThemes(page, "snapshot-page");
});

test("c1's TX offload off, saved again: compare outlines the offload change, the changed card and the flipped cells", async ({ page, api }) => {
  const dash = new DashboardPage(page);
  const ui = new SnapshotPages(page);
  await dash.open();
  await dash.txBadge("c1:eth0").click();
  await expect(dash.txBadge("c1:eth0")).toHaveText("TX off");
  await dash.runTests();
  await dash.expectCell("tcp", "c1", "server", "ok");
  await expect(page.getByTestId("matrix-progress")).toContainText("idle");
  ids.after = await ui.saveFromDashboard(`${TAG} c1 tx off`, "");
  made.add(ids.after);
  await setTx(api, "c1:eth0", true);

  await page.goto("/snapshots");
  for (const id of [ids.before!, ids.after]) await ui.row(id).getByRole("checkbox").check();
  await screenshotBothThemes(page, "snapshot-list");
  await page.getByRole("link", { name: "Compare the two picked" }).click();
  await expect(page).toHaveURL(`/compare?a=${ids.before}&b=${ids.after}`);

  const diff = page.getByTestId("compare-differences");
  await expect(diff.getByTestId("offload-change-c1:eth0-tx")).toContainText(/c1:eth0\s*tx\s*on\s*off/);
  await expect(diff.getByTestId("flipped-tcp-c1-server")).toContainText(/fail\s*ok/);
  const a = page.getByTestId("compare-a");
  const b = page.getByTestId("compare-b");
  await expect(a.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-result", "fail");
  await expect(b.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-result", "ok");
  for (const side of [a, b]) {
    await expect(side.getByTestId("cell-tcp-c1-server")).toHaveAttribute("data-marked", "true");
    await expect(side.getByTestId("cell-icmp-c1-server")).not.toHaveAttribute("data-marked", "true");
    await expect(side.locator('.react-flow__node[data-id="endpoint:c1"]')).toHaveClass(/lab-marked/);
    await expect(side.locator('.react-flow__node[data-id="endpoint:c2"]')).not.toHaveClass(/lab-marked/);
  }
  await screenshotBothThemes(page, "snapshot-compare");
});

test("a corrupted file is refused with the server's message, verbatim, and nothing is stored", async ({ page, api }) => {
  const ui = new SnapshotPages(page);
  const broken = JSON.parse(FIXTURE);
  broken.topology.interfaces[2].offload.tx.on = "yes";
  const refusal = await api.snapshotImport({ body: broken }).then(() => null, (err: Error) => err);
  expect(refusal?.message).toContain("topology.interfaces.2.offload.tx.on");
  const answer = { error: { message: refusal!.message } };
  const before = (await api.snapshotList()).snapshots.length;

  await page.goto("/snapshots");
  await ui.importFile("broken.json", JSON.stringify(broken));
  await expect(page.getByTestId("import-error")).toHaveText(answer.error.message);
  await ui.importFile("cut.json", FIXTURE.slice(0, 300));
  await expect(page.getByTestId("import-error")).toContainText(/JSON/i);
  await screenshotBothThemes(page, "snapshot-import-error");
  expect((await api.snapshotList()).snapshots.length).toBe(before);
});

test("an imported snapshot is deleted from the list after a confirmation", async ({ page, api }) => {
  const ui = new SnapshotPages(page);
  await page.goto("/snapshots");
  await ui.importFile("seed.json", FIXTURE);
  const open = page.getByTestId("import-result").getByRole("link", { name: "open it" });
  await expect(open).toHaveAttribute("href", /^\/s\/[A-Za-z0-9_-]{22}$/);
  const id = (await open.getAttribute("href"))!.slice(3);
  made.add(id);
  const row = ui.row(id);
  await expect(row).toContainText("seed lab (recorded)");

  await row.getByRole("button", { name: /^Delete / }).click();
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: /^Delete / }).click();
  await row.getByRole("button", { name: "Yes, delete" }).click();
  await expect(row).toHaveCount(0);
  expect((await api.response("snapshotGet", { params: { id } })).status).toBe(404);
});

test("restoring the offload-on snapshot into the same lab shows that the live results match the saved run", async ({ page }) => {
  test.setTimeout(120_000);
  const ui = new SnapshotPages(page);
  await page.goto("/snapshots");
  const row = ui.row(ids.before!);
  await row.getByRole("button", { name: /^Restore / }).click();
  await row.getByRole("button", { name: "Yes, restore" }).click();
  const result = row.getByTestId("restore-result");
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(result).toHaveAttribute("data-matches", "true");
  await expect(result).toContainText("the live results match the saved run");
  await screenshotBothThemes(page, "snapshot-restored");
});
