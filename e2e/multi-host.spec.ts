import { execFileSync } from "node:child_process";
import { createApiClient } from "../lib/api-client/api-client";
import { twoHostsLabAs } from "../server/lab/derived-labs";
import type { Protocol } from "../lib/contracts/matrix";
import { expect, test } from "./support/fixtures";
import { gotoAfterLabUp } from "./support/goto-after-lab-up";
import { DashboardPage, orderedPairs } from "./support/dashboard-page";
import { E2E_BASE_URL, E2E_TOKEN, SCREENSHOT_DIR } from "./support/e2e-env";
import { waitForPing } from "./support/lab-offload";

/**
 * labs/two-hosts-ovn.yaml as a second lab on the e2e server (lab mhe, endpoints on 10.77.220.0/24, underlay
 * 10.77.221.0/24, under /labs/mhe): c1 and c2 on host a, c3 and the server (behind DPDK) on host b, one OVN
 * logical switch over Geneve. The graph draws each host as a frame and the tunnel between them; the matrix
 * covers every pair across hosts; clicking TX off on c1 and c3 turns their cross-host cells green.
 * The lab is closed at the end, and nothing of it may be left (namespaces, bridges, OVN rows).
 */
const LAB = "mhe";
const spec = twoHostsLabAs(LAB, "10.77.220", "10.77.221");
const NAMES = ["c1", "c2", "c3", "server"] as const;
const PROTOCOLS: Protocol[] = ["icmp", "tcp", "udp"];
const api = createApiClient({ baseUrl: E2E_BASE_URL, token: E2E_TOKEN, labId: LAB });
const sh = (bin: string, args: string[]) => execFileSync(bin, args, { encoding: "utf8" });

/** Physics with TX offload on in `txOn`: ICMP always works; TCP and UDP fail for any pair with one of them. */
const expected = (protocol: Protocol, from: string, to: string, txOn: readonly string[]) => (protocol === "icmp" || !(txOn.includes(from) || txOn.includes(to)) ? "ok" : "fail");

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await api.labUp({ body: { spec }, timeoutMs: 240_000 });
  await waitForPing(api, "c1", "c3", 60_000);
});

test.afterAll(async () => {
  test.setTimeout(180_000);
  await api.labClose({ params: { labId: LAB }, timeoutMs: 180_000 }).catch((err: Error) => console.warn(`[multi-host e2e] lab close: ${err.message}`));
  // Nothing of the lab is left: its host namespaces and endpoint namespace, its underlay bridge, its OVN rows.
  expect(sh("ip", ["netns", "list"])).not.toMatch(new RegExp(`ovshost-${LAB}-|ovslab-${LAB}-`));
  expect(sh("ovs-vsctl", ["list-br"]).split("\n")).not.toContain(`${LAB}_ul`);
  expect(sh("ovn-nbctl", ["show"])).not.toContain(`ovslab-${LAB}`);
});

test("two hosts: a frame per host with its endpoints, the Geneve tunnel between them, the logical switch named", async ({ page }) => {
  const dash = new DashboardPage(page);
  await gotoAfterLabUp(page, `/labs/${LAB}`);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 30_000 });
  const [hostA, hostB] = [page.getByTestId("node-frame:host:a"), page.getByTestId("node-frame:host:b")];
  await expect(hostA).toContainText("host a");
  await expect(hostA).toContainText(`chassis ${LAB}-a`);
  await expect(hostA).toContainText("underlay 10.77.221.1");
  await expect(hostB).toContainText(`chassis ${LAB}-b`);
  await expect(hostB).toContainText("underlay 10.77.221.2");
  await expect(page.getByTestId("graph-caption")).toHaveText(`OVN logical switch ovslab-${LAB} over 2 hosts (Geneve)`);
  for (const name of NAMES) await expect(dash.node(name)).toBeVisible();
  // Each endpoint inside its own host's frame (the server stands outside, behind host b's DPDK port).
  const box = async (id: string) => (await page.getByTestId(id).boundingBox())!;
  const within = (outer: { x: number; y: number; width: number; height: number }, inner: typeof outer) =>
    inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
  const [a, b] = [await box("node-frame:host:a"), await box("node-frame:host:b")];
  expect(within(a, await box("node-c1")) && within(a, await box("node-c2"))).toBe(true);
  expect(within(b, await box("node-c3"))).toBe(true);
  expect(within(a, await box("node-c3")) || within(b, await box("node-c1"))).toBe(false);
  expect((await box("node-server")).x).toBeGreaterThan(b.x + b.width - 1);
  // The endpoints' veths end on their host's br_int chips, the host ends named by their host.
  await expect(page.getByTestId("node-a/br_int").getByRole("button", { name: `Show details of interface host:a:${LAB}-c1` })).toBeVisible();
  await expect(page.getByTestId("node-b/br_int").getByRole("button", { name: `Show details of interface host:b:${LAB}-c3` })).toBeVisible();
  const tunnel = page.locator('[data-testid="rf__edge-tunnel:a-b"]');
  await expect(tunnel).toHaveCount(1);
  await expect(tunnel).toContainText("Geneve 10.77.221.1 ⇄ 10.77.221.2");
  // The Host panel: each host's br_int and daemons, the DPDK port on host b (not "no bridge").
  await expect(page.getByTestId("host-datapaths")).toHaveText("a: br_int netdev, b: br_int netdev");
  await expect(page.getByTestId("host-panel")).toContainText("b: dpdk0");
  for (const host of ["a", "b"]) await expect(page.getByTestId(`lab-host-${host}`)).toContainText("ovsdb-server, ovs-vswitchd, ovn-controller running");
  await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-host-graph.png`, fullPage: true });
});

test("two hosts: the full matrix across hosts fails TCP/UDP with container offload on; TX off on c1 and c3 turns c1↔c3 green", async ({ page }) => {
  test.setTimeout(180_000);
  const dash = new DashboardPage(page);
  await gotoAfterLabUp(page, `/labs/${LAB}`);
  await expect(page.getByTestId("connection-banner")).toHaveCount(0, { timeout: 30_000 });
  for (const name of ["c1", "c2", "c3"]) await expect(dash.txBadge(`${name}:eth0`)).toHaveText("TX on");
  await expect(dash.txBadge("server:eth0")).toHaveText("TX off");
  await dash.runTests();
  const containers = ["c1", "c2", "c3"];
  for (const protocol of PROTOCOLS) for (const [from, to] of orderedPairs(NAMES)) await dash.expectCell(protocol, from, to, expected(protocol, from, to, containers), 60_000);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-host-matrix-offload-on.png`, fullPage: true });

  // Hovering a cross-host cell lights the tunnel.
  await dash.cell("tcp", "c1", "c3").hover();
  await expect(page.locator('[data-testid="rf__edge-tunnel:a-b"]')).toHaveClass(/animated/);

  await dash.txBadge("c1:eth0").click();
  await expect(dash.txBadge("c1:eth0")).toHaveText("TX off");
  await dash.txBadge("c3:eth0").click();
  await expect(dash.txBadge("c3:eth0")).toHaveText("TX off");
  for (const protocol of ["tcp", "udp"] as const) {
    for (const [from, to] of [["c1", "c3"], ["c3", "c1"]] as const) await dash.expectCell(protocol, from, to, "ok", 30_000);
    await dash.expectCell(protocol, "c2", "c3", "fail", 30_000);
  }
  await dash.runTests();
  for (const protocol of PROTOCOLS) for (const [from, to] of orderedPairs(NAMES)) await dash.expectCell(protocol, from, to, expected(protocol, from, to, ["c2"]), 60_000);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/multi-host-matrix-c1-c3-off.png`, fullPage: true });

  // The host end inside host a's namespace has a badge that works too (turned off and back on).
  const hostEnd = dash.txBadge(`host:a:${LAB}-c1`);
  await expect(hostEnd).toHaveText("TX on");
  await hostEnd.click();
  await expect(hostEnd).toHaveText("TX off");
  await hostEnd.click();
  await expect(hostEnd).toHaveText("TX on");
});
