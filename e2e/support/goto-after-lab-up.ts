import type { Page } from "@playwright/test";

/**
 * Opens `url`, and once more if Chromium cut any of its requests with ERR_NETWORK_CHANGED: a lab just
 * brought up adds addresses to the host's interfaces, Chromium notices a moment later and aborts what
 * is in flight, and a page whose script chunk was cut never connects (seen once: the page sat on
 * "Connecting to the lab server…"). A person would reload; so does this, once.
 */
export async function gotoAfterLabUp(page: Page, url: string): Promise<void> {
  let cut = false;
  const onFailed = (request: { failure(): { errorText: string } | null }) => {
    if (request.failure()?.errorText.includes("ERR_NETWORK_CHANGED")) cut = true;
  };
  page.on("requestfailed", onFailed);
  try {
    await page.goto(url);
    await page.waitForLoadState("load");
  } finally {
    page.off("requestfailed", onFailed);
  }
  if (cut) await page.goto(url);
}
