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
 * Clicks a control `count` times, `gapMs` apart, from inside the page, while `keepGoing` (a JS expression)
 * holds, and times each from when it was due (a click waits for a busy main thread as an input event does)
 * to the first animation frame at which `shown(on)` (the control shows it) and `answered(on)` (what it asked
 * for is drawn) hold; `on` alternates, starting true. Nothing crosses to the test driver until the end:
 * the bench's server shares its process, and a matrix run keeps that process busy.
 */
export function timeClicksInPage(
  page: Page,
  input: { selector: string; shown: (on: boolean) => string; answered: (on: boolean) => string; keepGoing: string; count: number; gapMs: number },
): Promise<{ shownMs: number; answeredMs: number }[]> {
  const check = (f: (on: boolean) => string) => `(on) => on ? (${f(true)}) : (${f(false)})`;
  return page.evaluate<{ shownMs: number; answeredMs: number }[]>(`new Promise((resolve) => {
    const shown = ${check(input.shown)};
    const answered = ${check(input.answered)};
    const out = [];
    let on = true;
    const next = () => {
      if (out.length >= ${input.count} || !(${input.keepGoing})) return resolve(out);
      const due = performance.now() + ${input.gapMs};
      setTimeout(() => {
        document.querySelector(${JSON.stringify(input.selector)}).click();
        let shownAt;
        const tick = () => {
          if (shownAt === undefined && shown(on)) shownAt = performance.now();
          if (shownAt !== undefined && answered(on)) {
            out.push({ shownMs: shownAt - due, answeredMs: performance.now() - due });
            on = !on;
            return next();
          }
          if (performance.now() - due > 10000) return resolve(out);
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }, ${input.gapMs});
    };
    next();
  })`);
}
