import { expect, type Locator, type Page } from "@playwright/test";
import type { ClassView } from "../../lib/contracts/classroom";
import type { ApiClient } from "../../lib/api-client/api-client";
import { SCREENSHOT_DIR } from "./e2e-env";

/** A class for a spec: made through the API as the operator, every lab built before the spec goes on; `end` removes its labs. */
export async function startClass(api: ApiClient, students: string[], seed: string): Promise<{ view: ClassView; end: () => Promise<void> }> {
  const view = await api.classCreate({ body: { scenario: "seed-story", students, seed, minutes: 30 } });
  let ended = false;
  const end = async () => {
    if (ended) return;
    ended = true;
    await api.classEnd({ params: { id: view.classId }, timeoutMs: 180_000 });
  };
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const now = await api.classGet({ params: { id: view.classId } });
      const failed = now.students.find((s) => s.state === "failed");
      if (failed) throw new Error(`${failed.name}'s lab could not be built: ${failed.error}`);
      // Built, and judged once: the planted fault is seen before anyone fixes it.
      if (now.students.every((s) => s.state === "ready" && s.checks["c1-tx-off"]?.status === "failed")) return { view: now, end };
      if (Date.now() > deadline) throw new Error(`the class's labs were not ready within 240 s: ${JSON.stringify(now.students.map((s) => [s.name, s.state]))}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await end().catch(() => undefined);
    throw err;
  }
}

/** The teacher's grid, /classes/<id>. */
export class ClassGridPage {
  constructor(
    readonly page: Page,
    readonly classId: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(`/classes/${this.classId}`);
    await expect(this.page.getByTestId("class-grid")).toBeVisible({ timeout: 20_000 });
  }

  grade(labId: string, checkId: string): Locator {
    return this.page.getByTestId(`grade-${labId}-${checkId}`);
  }

  percent(labId: string): Locator {
    return this.page.getByTestId(`percent-${labId}`);
  }
}

/** A student's page: their link, opened in a browser without the operator's cookie, lands on /labs/<their lab>. */
export class StudentLabPage {
  constructor(readonly page: Page) {}

  async open(link: string, labId: string): Promise<void> {
    await this.page.goto(link);
    await this.page.waitForURL((url) => url.pathname === `/labs/${labId}` && !url.search.includes("student"));
    await expect(this.page.getByTestId("student-panel")).toBeVisible({ timeout: 20_000 });
  }

  check(id: string): Locator {
    return this.page.getByTestId(`student-check-${id}`);
  }

  txBadge(interfaceId: string): Locator {
    return this.page.getByTestId(`tx-badge-${interfaceId}`);
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
}
