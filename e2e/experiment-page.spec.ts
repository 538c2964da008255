import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { expect, test } from "./support/fixtures";
import { screenshotBothThemes } from "./support/lab-offload";
import { E2E_EXPERIMENT_PREFIX as PREFIX, E2E_EXPERIMENT_SUBNET } from "./support/e2e-env";

/**
 * The A/B experiment page on the real host: a small subset (the seed's own variant, offload on and
 * off, the kernel datapath this host cannot run, and containers on two hosts over OVN/Geneve). Its labs
 * get ids "va0".."va3" and 10.77.70-73.0/24, the OVN variant's underlay 10.77.93.0/24 (73 + 20)
 * (OVSLAB_E2E_EXPERIMENT_PREFIX and _SUBNET move them). The finished run is saved as a snapshot.
 */
const run = promisify(execFile);
const VARIANTS = ["ovs-dpdk/containers/offload-on", "ovs-dpdk/containers/offload-off", "ovs-kernel/containers/offload-on", "ovn-geneve/containers/offload-on"];

test.afterEach(async ({ page }) => {
  const cancel = page.getByRole("button", { name: "Cancel" });
  if (await cancel.isVisible().catch(() => false)) await cancel.click();
});

test("a run of four variants fills the table live; the kernel datapath is not runnable here, with the reason; the OVN row fails TCP across hosts; the result is saved as a snapshot", async ({ page, api }) => {
  test.setTimeout(180_000);
  await page.goto("/");
  await page.getByRole("link", { name: "A/B experiment" }).click();
  await expect(page).toHaveURL(/\/experiment$/);
  await expect(page.getByTestId("experiment-table")).toContainText("OVS userspace with DPDK port");

  await page.getByRole("button", { name: "None" }).click();
  for (const id of VARIANTS) await page.getByRole("checkbox", { name: `Run ${id}` }).check();
  await page.getByLabel("lab id prefix").fill(PREFIX);
  await page.getByLabel("first subnet (/24)").fill(E2E_EXPERIMENT_SUBNET);
  await expect(page.getByTestId("switch-ovn-geneve")).toContainText("Containers on two hosts over OVN/Geneve");
  await page.getByRole("button", { name: "Start (4 variants)" }).click();

  const row = (id: string) => page.getByTestId(`variant-${id}`);
  await expect(row(VARIANTS[0])).toHaveAttribute("data-status", /building|running|done/);
  await expect(row("linux-bridge/containers/offload-on")).toHaveAttribute("data-status", "not-in-run");
  await expect(row(VARIANTS[0])).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await expect(row(VARIANTS[0]).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "some-fail");
  await expect(row(VARIANTS[0]).getByTestId("tally-icmp")).toHaveAttribute("data-kind", "all-ok");
  await expect(row(VARIANTS[0]).getByTestId("variant-failing")).toContainText("c1>c2");
  await expect(page.getByTestId("first-failure")).toContainText("TX checksum offload");
  // The next row is live while the first has its result: the table filling in.
  await expect(row(VARIANTS[1])).toHaveAttribute("data-status", /building|running/, { timeout: 30_000 });
  await page.screenshot({ path: "test-results/screenshots/experiment-live.png", fullPage: true });

  await expect(row(VARIANTS[1])).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  await expect(row(VARIANTS[1]).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "all-ok");
  await expect(row(VARIANTS[2])).toHaveAttribute("data-status", "not-runnable", { timeout: 10_000 });
  await expect(page.getByTestId(`variant-detail-${VARIANTS[2]}`)).toContainText(/Not runnable here: OVS kernel datapath is not available: .+/);
  // Containers on two hosts over OVN/Geneve: ping crosses, TCP fails for every pair, the first failure explained.
  await expect(row(VARIANTS[3])).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(row(VARIANTS[3]).getByTestId("tally-icmp")).toHaveAttribute("data-kind", "all-ok");
  await expect(row(VARIANTS[3]).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "some-fail");
  await expect(row(VARIANTS[3]).getByTestId("variant-failing")).toContainText("c1>c2");
  await expect(page.getByTestId("experiment-progress")).toContainText("4 of 4 variants finished");
  await screenshotBothThemes(page, "experiment");

  // Each variant tore its lab down.
  const [netns, containers, bridges] = await Promise.all([run("ip", ["netns", "list"]), run("docker", ["ps", "-a", "--format", "{{.Names}}"]), run("ovs-vsctl", ["list-br"])]);
  expect(netns.stdout).not.toMatch(new RegExp(`ovslab-${PREFIX}\\d`));
  expect(containers.stdout).not.toMatch(new RegExp(`ovslab-${PREFIX}\\d`));
  expect(bridges.stdout).not.toMatch(new RegExp(`^${PREFIX}\\d`, "m"));
  expect(netns.stdout).not.toMatch(new RegExp(`ovshost-${PREFIX}\\d`));
  expect((await run("ovn-nbctl", ["ls-list"])).stdout).not.toMatch(new RegExp(`ovslab-${PREFIX}\\d`));

  // The result as a snapshot: its read-only page shows the same rows, and only those.
  await page.getByRole("button", { name: "Save as snapshot" }).click();
  const link = page.getByTestId("experiment-snapshot-link").getByRole("link");
  await expect(link).toHaveAttribute("href", /^\/s\/[A-Za-z0-9_-]{22}$/);
  const snapshotId = (await link.getAttribute("href"))!.slice(3);
  await page.screenshot({ path: "test-results/screenshots/experiment-saved.png", fullPage: true });
  try {
    await link.click();
    const saved = page.getByTestId("snapshot-experiment");
    await expect(saved.getByTestId(`variant-${VARIANTS[0]}`).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "some-fail");
    await expect(saved.getByTestId(`variant-${VARIANTS[1]}`).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "all-ok");
    await expect(saved.getByTestId(`variant-detail-${VARIANTS[2]}`)).toContainText("Not runnable here: OVS kernel datapath is not available");
    await expect(saved.getByTestId(`variant-${VARIANTS[3]}`).getByTestId("tally-tcp")).toHaveAttribute("data-kind", "some-fail");
    await expect(saved.locator("tr[data-status]")).toHaveCount(4);
    await expect(saved.getByRole("checkbox")).toHaveCount(0);
    await expect(saved.getByTestId("switch-linux-bridge")).toHaveCount(0);
    await screenshotBothThemes(page, "experiment-snapshot");
  } finally {
    await api.snapshotDelete({ params: { id: snapshotId } });
  }
});
