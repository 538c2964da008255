import type { Page } from "playwright-core";

/** A cell the toggle bench waits for, by test id, and the status it must settle on. */
export interface ExpectedCell {
  testId: string;
  status: "ok" | "fail";
}

/**
 * Clicks a badge inside the page and times, in the browser, until every expected cell shows its
 * new settled result: no round trip of the test driver is counted.
 */
export function timeToggle(page: Page, badgeTestId: string, cells: ExpectedCell[], timeoutMs = 10_000): Promise<number> {
  // A string, not a function: tsx's helpers (__name) do not exist inside the page.
  const args = JSON.stringify({ badgeTestId, cells, timeoutMs });
  return page.evaluate<number>(`new Promise((resolve, reject) => {
    const { badgeTestId, cells, timeoutMs } = ${args};
    const settled = () => cells.every((c) => document.querySelector('[data-testid="' + c.testId + '"]')?.getAttribute("data-status") === c.status);
    const badge = document.querySelector('[data-testid="' + badgeTestId + '"]');
    if (!badge) return reject(new Error("no " + badgeTestId + " on the page"));
    const t0 = performance.now();
    badge.click();
    const tick = () => {
      if (settled()) return resolve(performance.now() - t0);
      if (performance.now() - t0 > timeoutMs) {
        const off = cells.filter((c) => document.querySelector('[data-testid="' + c.testId + '"]')?.getAttribute("data-status") !== c.status);
        return reject(new Error("cells did not settle within " + timeoutMs + " ms: " + off.map((c) => c.testId + " wanted " + c.status).join(", ")));
      }
      requestAnimationFrame(tick);
    };
    // The click marks the cells pending first; checking from the next frame on skips the old values.
    requestAnimationFrame(() => requestAnimationFrame(tick));
  })`);
}

/** Loads the page and times, from navigation start, until `count` endpoint cards are drawn. */
export async function timeFirstRender(page: Page, url: string, cardSelector: string, count: number): Promise<{ cardsMs: number; domContentLoadedMs: number }> {
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(`document.querySelectorAll(${JSON.stringify(cardSelector)}).length >= ${count}`, undefined, { timeout: 30_000, polling: "raf" });
  return page.evaluate<{ cardsMs: number; domContentLoadedMs: number }>(
    `({ cardsMs: performance.now(), domContentLoadedMs: performance.getEntriesByType("navigation")[0]?.domContentLoadedEventEnd ?? NaN })`,
  );
}

/**
 * Times real clicks (the browser's input events, so a busy main thread counts): from the click event's
 * own timestamp to the first animation frame at which `shown` (a JS expression: the control shows the
 * click) holds, and to the first at which `answered` (what the click asked for is drawn) holds. Call
 * `watchClicks` once per page before.
 */
export async function watchClicks(page: Page, selector: string): Promise<void> {
  await page.evaluate(`document.addEventListener("click", (e) => { if (e.target instanceof Element && e.target.closest(${JSON.stringify(selector)})) window.__benchClickAt = e.timeStamp; }, true)`);
}

export async function timeClick(page: Page, selector: string, shown: string, answered: string, timeoutMs = 10_000): Promise<{ shownMs: number; answeredMs: number }> {
  await page.evaluate("window.__benchClickAt = undefined; window.__benchShownAt = undefined");
  await page.click(selector);
  const handle = await page.waitForFunction(
    `(() => {
      const at = window.__benchClickAt;
      if (at === undefined) return false;
      if (window.__benchShownAt === undefined && (${shown})) window.__benchShownAt = performance.now();
      return window.__benchShownAt !== undefined && (${answered}) ? { shownMs: window.__benchShownAt - at, answeredMs: performance.now() - at } : false;
    })()`,
    undefined,
    { timeout: timeoutMs, polling: "raf" },
  );
  return (await handle.jsonValue()) as { shownMs: number; answeredMs: number };
}
