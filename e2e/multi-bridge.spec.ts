import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { createApiClient } from "../lib/api-client/api-client";
import { labSpecSchema } from "../lib/lab-spec/schema";
import { retargetSpec } from "../lib/lab-spec/retarget";
import { expect, test } from "./support/fixtures";
import { gotoAfterLabUp } from "./support/goto-after-lab-up";
import { E2E_BASE_URL, E2E_TOKEN, SCREENSHOT_DIR } from "./support/e2e-env";

/**
 * labs/two-bridges-vlans.yaml as a second lab on the e2e server (lab mb on 10.77.176.0/24, under /labs/mb,
 * beside the e2e seed lab): a card per bridge, each endpoint's veth on its own bridge's VLAN-badged chip,
 * the patch ports joined by a "patch" wire. The lab is closed (brought down) at the end.
 */
const LAB = "mb";
const spec = retargetSpec(labSpecSchema.parse(parse(readFileSync("labs/two-bridges-vlans.yaml", "utf8"))), LAB, "10.77.176");
const api = createApiClient({ baseUrl: E2E_BASE_URL, token: E2E_TOKEN, labId: LAB });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await api.labUp({ body: { spec }, timeoutMs: 180_000 });
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await api.labClose({ params: { labId: LAB }, timeoutMs: 180_000 }).catch((err: Error) => console.warn(`[multi-bridge e2e] lab close: ${err.message}`));
});

test("two bridges: a card each, the endpoints on their own bridge's VLAN chips, one patch wire between them", async ({ page }) => {
  await gotoAfterLabUp(page, `/labs/${LAB}`);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 30_000 });
  const core = page.getByTestId(`node-${LAB}_br`);
  const edge = page.getByTestId(`node-${LAB}_br2`);
  await expect(core).toBeVisible();
  await expect(edge).toBeVisible();
  for (const e of ["a10", "a20", "b10", "b20"]) await expect(page.getByTestId(`node-${e}`)).toBeVisible();
  await expect(core.getByRole("button", { name: `Show details of interface host:${LAB}-a10` })).toBeVisible();
  await expect(edge.getByRole("button", { name: `Show details of interface host:${LAB}-b20` })).toBeVisible();
  await expect(core.getByText("VLAN 10")).toBeVisible();
  await expect(edge.getByText("VLAN 20")).toBeVisible();
  await expect(core.getByTestId(`patch-chip-${LAB}_p1a`)).toContainText("patch");
  await expect(edge.getByTestId(`patch-chip-${LAB}_p1b`)).toContainText("patch");
  await expect(page.locator(`[data-testid="rf__edge-patch:${LAB}_p1a"]`)).toHaveCount(1);
  // The bands stack: gv_br's endpoints above it, the second bridge below them with its own.
  const box = async (id: string) => (await page.getByTestId(id).boundingBox())!;
  expect((await box(`node-a10`)).y).toBeLessThan((await box(`node-${LAB}_br`)).y);
  expect((await box(`node-${LAB}_br`)).y).toBeLessThan((await box("node-b10")).y);
  expect((await box("node-b10")).y).toBeLessThan((await box(`node-${LAB}_br2`)).y);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-bridge.png`, fullPage: true });
});
