import { expect, type Page } from "@playwright/test";
import type { ApiClient } from "../../lib/api-client/api-client";
import { SCREENSHOT_DIR } from "./e2e-env";

/** Sets TX checksum offload through the real API, so a spec starts from a known state and leaves it as it found it. */
export async function setTx(api: ApiClient, interfaceId: string, on: boolean): Promise<void> {
  await api.offloadSet({ params: { id: interfaceId }, body: { tx: on } });
}

/** One probe re-run through the API while the page watches (as any client would). */
export async function retest(api: ApiClient, from: string, to: string, protocol: "tcp" | "udp" | "icmp"): Promise<void> {
  await api.matrixRun({ body: { protocols: [protocol], pairs: [[from, to]], timeoutMs: 500 } });
}

/** Pings both ways between two endpoints until they answer: the lab is plumbed and ARP caches are warm. */
export async function waitForPing(api: ApiClient, a: string, b: string, timeoutMs = 30_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const body = await api.matrixRun({ body: { protocols: ["icmp"], pairs: [[a, b], [b, a]], timeoutMs: 500 } }).catch(() => null);
        return body?.results.length === 2 && body.results.every((r) => r.ok);
      },
      { timeout: timeoutMs, intervals: [500, 1000] },
    )
    .toBe(true);
}

/** Screenshots of the page in both themes: `<name>-dark.png` and `<name>-light.png`. */
export async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  const toggle = page.getByRole("button", { name: "Dark theme" });
  const dark = (await toggle.getAttribute("aria-pressed")) === "true";
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${dark ? "dark" : "light"}.png`, fullPage: true });
  await toggle.click();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${dark ? "light" : "dark"}.png`, fullPage: true });
  await toggle.click();
}
